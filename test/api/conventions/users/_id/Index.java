package api.conventions.users._id;

/** A route of the naming-convention test. */
public final class Index extends api.conventions.NamedRoute {}
