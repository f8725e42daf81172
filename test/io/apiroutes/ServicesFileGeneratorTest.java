package io.apiroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesFileGeneratorTest {
    @TempDir
    Path classes;

    private void copy(String... names) throws IOException {
        for (String name : names) {
            Path from = Path.of("build/test", name.replace('.', '/') + ".class");
            Path to = classes.resolve(name.replace('.', '/') + ".class");
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        }
    }

    @Test
    void write_listsPublicConcreteHandlersOnly() throws IOException {
        copy("api.conventions.NamedRoute", "api.conventions.NamedRoute$Answer", "api.conventions.Index",
                "api.conventions.users._id.Posts");

        List<String> handlers = ServicesFileGenerator.write(classes);

        assertEquals(List.of("api.conventions.Index", "api.conventions.users._id.Posts"), handlers);
        assertEquals("api.conventions.Index\napi.conventions.users._id.Posts\n",
                Files.readString(classes.resolve("META-INF/services/io.apiroutes.ApiHandler")));
    }

    /** What the build does to api/: every handler of a tree, by name, whatever the tree holds. */
    @Test
    void write_listsEveryHandlerOfATreeInNameOrder() throws IOException {
        copy("api.conventions.NamedRoute", "api.conventions.NamedRoute$Answer", "api.conventions.v2.Hello",
                "api.conventions.docs.___slug", "api.conventions.Index", "api.conventions.UserProfile",
                "api.conventions.default_.X", "api.conventions.users._id.Index", "api.conventions.users._id.Posts");

        List<String> handlers = ServicesFileGenerator.write(classes);

        assertEquals(List.of("api.conventions.Index", "api.conventions.UserProfile", "api.conventions.default_.X",
                "api.conventions.docs.___slug", "api.conventions.users._id.Index", "api.conventions.users._id.Posts",
                "api.conventions.v2.Hello"), handlers);
        assertEquals(String.join("\n", handlers) + "\n",
                Files.readString(classes.resolve("META-INF/services/io.apiroutes.ApiHandler")));
    }

    @Test
    void write_failsOnAHandlerServiceLoaderCannotCreate() throws IOException {
        copy("api.noctor.NeedsArgs");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServicesFileGenerator.write(classes));

        assertTrue(e.getMessage().contains("api.noctor.NeedsArgs"), e.getMessage());
    }

    @Test
    void write_failsTheBuildOnTwoHandlersForOneRoute() throws IOException {
        copy("api.conventions.NamedRoute", "api.clash._id", "api.clash._name");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServicesFileGenerator.write(classes));

        assertTrue(e.getMessage().contains("api.clash._id") && e.getMessage().contains("api.clash._name"), e.getMessage());
    }

    @Test
    void write_failsTheBuildOnANameTheConventionCannotRead() throws IOException {
        copy("api.conventions.NamedRoute", "api.unreadable.Snake_Case");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServicesFileGenerator.write(classes));

        assertTrue(e.getMessage().contains("api.unreadable.Snake_Case"), e.getMessage());
    }
}
