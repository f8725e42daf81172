package io.apiroutes;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fixture handlers of test/fixtures/api (package {@code api.*}, compiled with the tests), listed
 * in a services file of a test's own. The framework's tests never see api/ or its services file,
 * so a test that wants discovery names the handlers it discovers.
 */
public final class Fixtures {
    private Fixtures() {}

    /** Writes {@code META-INF/services/io.apiroutes.ApiHandler} under {@code folder}, listing {@code handlers}; returns the folder. */
    public static Path servicesFile(Path folder, String... handlers) throws IOException {
        Path file = folder.resolve("META-INF/services/" + ApiHandler.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, handlers.length == 0 ? "" : String.join("\n", handlers) + "\n");
        return folder;
    }

    /** A class loader that sees the tests' classes and a services file listing {@code handlers}. */
    public static ClassLoader listing(Path folder, String... handlers) throws IOException {
        return new URLClassLoader(new URL[] {servicesFile(folder, handlers).toUri().toURL()}, Fixtures.class.getClassLoader());
    }
}
