package io.apiroutes;

/**
 * The package's logger, made on first use. {@code System.getLogger} from a class on the class path
 * starts {@code java.util.logging} (about 40 classes and its configuration), which a start-up
 * that logs nothing need not pay.
 */
final class Logging {
    static final System.Logger LOG = System.getLogger("io.apiroutes");

    private Logging() {}
}
