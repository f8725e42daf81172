package api.conventions.docs;

/** A route of the naming-convention test. */
public final class ___slug extends api.conventions.NamedRoute {}
