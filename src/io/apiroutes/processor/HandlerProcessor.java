package io.apiroutes.processor;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRoutes;
import io.apiroutes.routing.Route;
import io.apiroutes.routing.RouteNaming;
import io.apiroutes.routing.RouteTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * The annotation processor that finds handlers while javac compiles them, in any build (javac,
 * Maven, Gradle, an IDE), and writes {@code META-INF/services/io.apiroutes.ApiHandler}, which
 * {@link ApiRoutes#discover()} reads. A handler is a public, concrete, top-level class in package
 * {@code api} or below it that implements {@link ApiHandler}, directly or through its supertypes.
 *
 * <p>It checks at compile time, with the same rules as the route table at start-up, and reports as
 * compile errors naming the classes: two handlers for one route (or routes that cannot live side
 * by side), a class name the convention cannot read, a handler without a public constructor
 * without parameters, a handler whose package does not match its folder (on javac 18 and later,
 * which can tell an element's source file), and, in a named module, a handler missing from
 * {@code provides io.apiroutes.ApiHandler with ...}. A class in package {@code api} that
 * implements {@code ApiHandler} but is not public gets a warning.
 *
 * <p>The application class ({@link io.apiroutes.ApiApp}) is found and checked the same way and
 * listed in {@code META-INF/services/io.apiroutes.ApiApp}; two of them are an error naming both.
 *
 * <p>javac finds it in the apiroutes jar through
 * {@code META-INF/services/javax.annotation.processing.Processor}: on the class path up to JDK 22;
 * from JDK 23 only with {@code -proc:full} or with the jar on the processor path
 * ({@code -processorpath}, Maven's {@code annotationProcessorPaths}).
 *
 * <p>When javac recompiles only some files (an IDE, an incremental build), the services file it
 * wrote before is merged: a class listed there stays listed while it still compiles to a handler
 * and was not among the files just compiled.
 */
public final class HandlerProcessor extends AbstractProcessor {
    static final String SERVICE = "io.apiroutes.ApiHandler";

    /** {@code Elements.getFileObjectOf(Element)}, from Java 18; null on an older javac. */
    private static final MethodHandle FILE_OF = fileOf();

    static final String APP_SERVICE = "io.apiroutes.ApiApp";

    private final Map<String, TypeElement> handlers = new LinkedHashMap<>();
    private final Map<String, TypeElement> apps = new LinkedHashMap<>();
    private final Set<String> compiled = new TreeSet<>();

    /** Creates the processor; javac does so through {@link java.util.ServiceLoader}. */
    public HandlerProcessor() {}

    /**
     * Returns the types this processor looks at: all of them, since handlers carry no annotation.
     * It never claims an annotation, so other processors still see them.
     *
     * @return {@code *}
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    /**
     * Returns the latest source version, as the processor reads only names, kinds and supertypes.
     *
     * @return {@link SourceVersion#latestSupported()}
     */
    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * Checks the handlers among the types of a round; after the last round, checks the routes
     * against each other and writes the services file.
     *
     * @param annotations the annotations of the round, unused
     * @param round the round
     * @return false: no annotation is claimed
     */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement service = processingEnv.getElementUtils().getTypeElement(SERVICE);
        if (service == null) {
            return false; // apiroutes is not on this compilation's class path: nothing to find
        }
        TypeElement app = processingEnv.getElementUtils().getTypeElement(APP_SERVICE);
        if (!round.processingOver()) {
            for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
                compiled.add(type.getQualifiedName().toString());
                if (isHandler(type, service.asType())) {
                    check(type, SERVICE, handlers);
                }
                if (app != null && isHandler(type, app.asType())) {
                    check(type, APP_SERVICE, apps);
                }
            }
            return false;
        }
        List<String> previous = previous(SERVICE);
        List<String> names = merge(service.asType(), previous, handlers);
        if (checkRoutes(names) && !(names.isEmpty() && previous.isEmpty())) {
            write(SERVICE, names, handlers);
        }
        if (app != null) {
            List<String> previousApps = previous(APP_SERVICE);
            List<String> appNames = merge(app.asType(), previousApps, apps);
            if (appNames.size() > 1) {
                error(apps.isEmpty() ? null : apps.values().iterator().next(), "two application classes, "
                        + String.join(" and ", appNames) + ": a server runs one ApiApp; keep one");
            } else if (!(appNames.isEmpty() && previousApps.isEmpty())) {
                write(APP_SERVICE, appNames, apps);
            }
        }
        return false;
    }

    /** A concrete top-level class (a record or an enum too) assignable to ApiHandler. */
    private boolean isHandler(TypeElement type, TypeMirror service) {
        ElementKind kind = type.getKind();
        return (kind == ElementKind.CLASS || kind == ElementKind.RECORD || kind == ElementKind.ENUM)
                && type.getNestingKind() == NestingKind.TOP_LEVEL
                && !type.getModifiers().contains(Modifier.ABSTRACT)
                && processingEnv.getTypeUtils().isAssignable(type.asType(), processingEnv.getTypeUtils().erasure(service));
    }

    private static boolean inApiPackage(String name) {
        return name.startsWith(RouteNaming.ROOT_PACKAGE + ".");
    }

    /**
     * The checks on one handler (or application class) of this compilation; one that passes them
     * is listed in {@code found}.
     */
    private void check(TypeElement type, String service, Map<String, TypeElement> found) {
        String name = type.getQualifiedName().toString();
        boolean handler = service.equals(SERVICE);
        String what = handler ? "handler" : "application class";
        String folder = folderMismatch(type);
        if (folder != null) {
            error(type, folder);
            return;
        }
        if (!inApiPackage(name)) {
            return; // not a route by the convention: ApiRoutes.builder() may still add it in code
        }
        if (!type.getModifiers().contains(Modifier.PUBLIC)) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, name + " implements "
                    + (handler ? "ApiHandler but is not public: not a route" : "ApiApp but is not public: not run"), type);
            return;
        }
        if (!hasPublicNoArgConstructor(type)) {
            error(type, what + " " + name + " needs a public constructor without parameters, so ServiceLoader can create it");
            return;
        }
        try {
            if (handler) {
                RouteNaming.patternOf(name);
            }
        } catch (IllegalArgumentException e) {
            error(type, e.getMessage());
            return;
        }
        String provides = missingProvides(type, service, what);
        if (provides != null) {
            error(type, provides);
            return;
        }
        found.put(name, type);
    }

    private static boolean hasPublicNoArgConstructor(TypeElement type) {
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getParameters().isEmpty() && constructor.getModifiers().contains(Modifier.PUBLIC)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The route comes from the package, not the folder: {@code api/todos/Stats.java} declaring
     * {@code package api;} would serve {@code /api/stats}, and declaring {@code package todos;} no
     * route at all. Says so for a handler in package {@code api} whose source file is not at its
     * package's path, and for one outside it whose file lies in a folder {@code api/}.
     */
    private String folderMismatch(TypeElement type) {
        String path = sourcePath(type);
        String name = type.getQualifiedName().toString();
        String file = "/" + name.replace('.', '/') + ".java";
        int api = path == null ? -1 : path.lastIndexOf("/" + RouteNaming.ROOT_PACKAGE + "/");
        boolean mismatch = inApiPackage(name) ? path != null && !path.endsWith(file)
                : api >= 0 && (path.endsWith("/" + RouteNaming.ROOT_PACKAGE + file) || !path.endsWith(file));
        if (!mismatch) {
            return null;
        }
        String where = api < 0 ? "outside a folder api/" : "in folder " + path.substring(api + 1, path.lastIndexOf('/') + 1);
        String route;
        try {
            route = "its route would be " + RouteNaming.patternOf(name);
        } catch (IllegalArgumentException e) {
            route = "it would be no route";
        }
        return "handler " + name + " is " + where + " but declares package " + packageOf(name) + ", so " + route
                + ": the route comes from the package; make the package match the folder";
    }

    private static String packageOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "(none)" : name.substring(0, dot);
    }

    /** The path of the element's source file, or null when javac cannot tell (before 18) or it came from a class file. */
    private String sourcePath(TypeElement type) {
        if (FILE_OF == null) {
            return null;
        }
        try {
            JavaFileObject file = (JavaFileObject) FILE_OF.invoke(processingEnv.getElementUtils(), type);
            String path = file == null || file.getKind() != JavaFileObject.Kind.SOURCE ? null : file.toUri().getPath();
            return path != null && path.endsWith(".java") ? path : null;
        } catch (Throwable e) { // invoke declares Throwable; getFileObjectOf itself throws nothing checked
            return null;
        }
    }

    /** In a named module META-INF/services is ignored: each handler must be listed in provides. */
    private String missingProvides(TypeElement type, String service, String what) {
        ModuleElement module = processingEnv.getElementUtils().getModuleOf(type);
        if (module == null || module.isUnnamed()) {
            return null;
        }
        for (ModuleElement.ProvidesDirective provides : ElementFilter.providesIn(module.getDirectives())) {
            if (provides.getService().getQualifiedName().contentEquals(service)
                    && provides.getImplementations().contains(type)) {
                return null;
            }
        }
        return what + " " + type.getQualifiedName() + " is in module " + module.getQualifiedName()
                + ", where META-INF/services is not read: list it in module-info.java, provides " + service
                + " with " + type.getQualifiedName() + ";";
    }

    /**
     * The handlers of this compilation, plus those the services file already listed that were not
     * compiled this time and still are handlers (an IDE recompiling one file), sorted.
     */
    private List<String> merge(TypeMirror service, List<String> previous, Map<String, TypeElement> found) {
        Set<String> names = new TreeSet<>(found.keySet());
        Elements elements = processingEnv.getElementUtils();
        for (String old : previous) {
            TypeElement type = compiled.contains(old) ? null : elements.getTypeElement(old);
            if (type != null && isHandler(type, service) && type.getModifiers().contains(Modifier.PUBLIC)) {
                names.add(old);
            }
        }
        return new ArrayList<>(names);
    }

    private List<String> previous(String service) {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(processingEnv.getFiler()
                .getResource(StandardLocation.CLASS_OUTPUT, "", "META-INF/services/" + service).openReader(true))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int comment = line.indexOf('#');
                String name = (comment < 0 ? line : line.substring(0, comment)).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // no services file yet: a full build
        }
        return names;
    }

    /** The route table's own conflict checks, on names only; false when one failed. */
    private boolean checkRoutes(List<String> names) {
        RouteTable.Builder table = new RouteTable.Builder();
        boolean ok = true;
        for (String name : names) {
            try {
                table.add(new Route(RouteNaming.patternOf(name), null, name, null, null, null));
            } catch (IllegalArgumentException e) {
                error(handlers.get(name), e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    private void write(String service, List<String> names, Map<String, TypeElement> found) {
        String file = "META-INF/services/" + service;
        try (Writer out = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", file,
                found.values().toArray(new Element[0])).openWriter()) {
            for (String name : names) {
                out.write(name + "\n");
            }
        } catch (IOException e) {
            error(null, "cannot write " + file + ": " + e.getMessage());
        }
    }

    private void error(Element element, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "apiroutes: " + message, element);
    }

    private static MethodHandle fileOf() {
        try {
            return MethodHandles.publicLookup().findVirtual(Elements.class, "getFileObjectOf",
                    MethodType.methodType(JavaFileObject.class, Element.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // javac 17: the package/folder check is skipped
        }
    }
}
