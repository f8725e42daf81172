package api.conventions;

/** A route of the naming-convention test. */
public final class UserProfile extends api.conventions.NamedRoute {}
