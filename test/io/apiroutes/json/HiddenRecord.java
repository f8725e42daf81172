package io.apiroutes.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * A record that the module system hides from apiroutes: {@code p.Secret}, public, in a module
 * {@code hidden} that neither exports nor opens {@code p}. Compiled and loaded in a layer of its
 * own the first time a test asks for it.
 */
public final class HiddenRecord {
    private static Class<?> type;

    private HiddenRecord() {
    }

    /** The class {@code p.Secret}, {@code record Secret(String secret)}. */
    public static synchronized Class<?> type() throws IOException, ClassNotFoundException {
        if (type == null) {
            Path dir = Files.createTempDirectory("hidden-module");
            try {
                Path src = Files.createDirectories(dir.resolve("src/p"));
                Files.writeString(dir.resolve("src/module-info.java"), "module hidden {}\n");
                Files.writeString(src.resolve("Secret.java"), "package p;\npublic record Secret(String secret) {}\n");
                int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17",
                        "-d", dir.resolve("out").toString(), dir.resolve("src/module-info.java").toString(),
                        src.resolve("Secret.java").toString());
                if (status != 0) {
                    throw new IllegalStateException("javac failed: " + status);
                }
                ModuleLayer boot = ModuleLayer.boot();
                Configuration configuration = boot.configuration()
                        .resolve(ModuleFinder.of(dir.resolve("out")), ModuleFinder.of(), Set.of("hidden"));
                ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
                type = layer.findLoader("hidden").loadClass("p.Secret");
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(HiddenRecord::delete);
                }
            }
        }
        return type;
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
