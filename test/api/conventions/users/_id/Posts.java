package api.conventions.users._id;

/** A route of the naming-convention test. */
public final class Posts extends api.conventions.NamedRoute {}
