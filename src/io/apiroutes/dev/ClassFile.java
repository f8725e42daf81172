package io.apiroutes.dev;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Set;
import javax.tools.SimpleJavaFileObject;

/** A class file javac writes, kept in memory; and how dev mode reads which classes a class file names. */
final class ClassFile extends SimpleJavaFileObject {
    final String name;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    ClassFile(String name, Kind kind) {
        super(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind);
        this.name = name;
    }

    @Override
    public OutputStream openOutputStream() {
        return bytes;
    }

    /** Whether a class file's constant pool names one of the classes: api/Util, Lapi/Util;, api/Util$1. */
    static boolean usesAny(String classFile, Set<String> names) {
        for (String name : names) {
            if (mentions(classFile, name.replace('.', '/'))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} holds {@code name}, not only a longer name that starts with it. */
    static boolean mentions(String text, String name) {
        for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
            int end = at + name.length();
            if (end == text.length() || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                return true;
            }
        }
        return false;
    }
}
