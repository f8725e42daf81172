package api.conventions;

/** A route of the naming-convention test. */
public final class Index extends api.conventions.NamedRoute {}
