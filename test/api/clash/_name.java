package api.clash;

/** Claims /api/clash/[name], the same route as {@link _id}. */
public final class _name extends api.conventions.NamedRoute {}
