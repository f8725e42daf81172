package api.conventions;

/** A route of the naming-convention test. */
public final class HTTPStatus extends api.conventions.NamedRoute {}
