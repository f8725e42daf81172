/**
 * Testing apiroutes handlers through real HTTP, with the JDK alone: {@link io.apiroutes.testing.ApiTest}
 * starts a server on an ephemeral loopback port and calls it.
 *
 * <pre>{@code
 * @Test
 * void hello() {
 *     try (var api = ApiTest.start()) {
 *         assertEquals(200, api.get("/api/hello").status());
 *     }
 * }
 * }</pre>
 *
 * <p>It depends on no test framework. It needs the {@code java.net.http} module, which a server
 * does not: a test on the module path adds it ({@code --add-modules java.net.http}, or
 * {@code requires java.net.http} in a test module).
 */
package io.apiroutes.testing;
