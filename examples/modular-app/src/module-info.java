/**
 * An application module that serves apiroutes handlers on the module path:
 * {@code java -p apiroutes.jar:app.jar -m app}.
 */
module app {
    requires io.apiroutes;

    // On the module path ServiceLoader reads provides, not META-INF/services: list every handler.
    // The annotation processor fails the build when one is missing.
    provides io.apiroutes.ApiHandler with api.Hello, api.todos.Index;

    // The JSON binder reads and creates the handlers' records by reflection.
    opens api to io.apiroutes;
    opens api.todos to io.apiroutes;
}
