package io.apiroutes.exchange;

/**
 * The package's logger. It is made when the first dispatcher is built, at start-up, not on the
 * first message: a logger made while memory runs short fails, and a class whose initialization
 * failed stays broken for the life of the JVM.
 */
public final class Logging {
    public static final System.Logger LOG = System.getLogger("io.apiroutes");

    private Logging() {}

    /** Makes the logger now (the class's initialization does it). */
    static void ready() {
        // nothing more: reaching this method initialized the class
    }
}
