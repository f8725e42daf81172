package api.conventions.files;

/** A route of the naming-convention test. */
public final class __path extends api.conventions.NamedRoute {}
