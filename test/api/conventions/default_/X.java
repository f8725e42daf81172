package api.conventions.default_;

/** A route of the naming-convention test. */
public final class X extends api.conventions.NamedRoute {}
