package api.unreadable;

/** A name the convention cannot read: an underscore inside a static segment. */
public final class Snake_Case extends api.conventions.NamedRoute {}
