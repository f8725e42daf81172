package api.conventions.v2;

/** A route of the naming-convention test. */
public final class Hello extends api.conventions.NamedRoute {}
