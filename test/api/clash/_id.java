package api.clash;

/** Claims /api/clash/[id], as {@link _name} does under another param name. */
public final class _id extends api.conventions.NamedRoute {}
