package dev.muonlab.jupyter.kernel;

import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which simple names an import declaration brings into scope, so that {@link DeferredImports} can tell whether a
 * cell needs a pending import before it compiles. Pure functions, apart from class-file lookups through a loader.
 *
 * <p>Why an over-approximation is enough: a name said to be provided that the import does not really provide (a
 * package-private class, say) only makes the import run earlier than necessary; what must never happen is a
 * provided name said to be missing, so an import that cannot be analysed provides every name.
 */
final class ImportIndex {

    /** One import declaration: {@code import [static] NAME[.*];}. */
    private static final Pattern IMPORT = Pattern.compile(
            "\\s*import\\s+(static\\s+)?([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.]*?)(\\.\\*)?\\s*;");
    /** A Java identifier (Unicode letters, digits, {@code _}, {@code $}). */
    private static final Pattern IDENTIFIER =
            Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");
    /** Line and block comments, removed before splitting declarations. */
    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*(?s:.*?)\\*/");
    /** Java's keywords and literals (JLS 3.9, 3.10): never a type's name, and frequent in cells. */
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
            "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static",
            "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "var", "record", "yield");

    private ImportIndex() {
    }

    /**
     * @param source Java source. Not modified.
     * @return its import declarations, one per element (e.g. {@code import java.util.*;}), if the source holds
     *         nothing else (comments and blank space aside) and at least one; otherwise {@code null}
     */
    static List<String> splitImports(String source) {
        String code = COMMENT.matcher(source).replaceAll(" ");
        Matcher m = IMPORT.matcher(code);
        List<String> imports = new ArrayList<>();
        int at = 0;
        while (at < code.length() && m.find(at) && m.start() == at) {
            imports.add(code.substring(m.start(), m.end()).strip());
            at = m.end();
        }
        return imports.isEmpty() || !code.substring(at).isBlank() ? null : imports;
    }

    /**
     * @param source Java source. Not modified.
     * @return every identifier-shaped token in it, strings and comments included (an over-approximation of the
     *         simple names the source refers to)
     */
    static Set<String> identifiers(String source) {
        Set<String> names = new HashSet<>();
        Matcher m = IDENTIFIER.matcher(source);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /**
     * @param declaration one import declaration, as returned by {@link #splitImports}
     * @param loader      finds the imported classes (not initialized) and class files
     * @return a test of whether the import can bring a simple name into scope; always true when the import cannot be
     *         analysed (so it counts as needed by every cell)
     */
    static Predicate<String> provides(String declaration, ClassLoader loader) {
        Matcher m = IMPORT.matcher(declaration);
        if (!m.matches()) {
            return name -> true;
        }
        boolean isStatic = m.group(1) != null;
        String name = m.group(2);
        if (m.group(3) == null) {
            return name.substring(name.lastIndexOf('.') + 1)::equals;
        }
        if (isStatic) {
            Set<String> members = staticMembers(name, loader);
            return members == null ? any -> true : members::contains;
        }
        return packageMember(name, loader);
    }

    /**
     * A type-import-on-demand brings in the package's top-level types only (JLS 7.5.2), so a name is provided
     * exactly when {@code pkg/Name.class} exists. Class files are found through a class loader even inside named
     * modules, so JDK packages need no special case. Lookups are cached.
     */
    private static Predicate<String> packageMember(String pkg, ClassLoader loader) {
        String folder = pkg.replace('.', '/') + "/";
        Map<String, Boolean> cache = new HashMap<>();
        return name -> !KEYWORDS.contains(name)
                && cache.computeIfAbsent(name, n -> loader.getResource(folder + n + ".class") != null);
    }

    /**
     * A static-import-on-demand brings in the static fields, methods and member types of a class (JLS 7.5.4).
     *
     * @return their names; null if the class is not found
     */
    private static Set<String> staticMembers(String className, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            Set<String> names = new HashSet<>();
            List<Member> members = new ArrayList<>(List.of(type.getMethods()));
            members.addAll(List.of(type.getFields()));
            for (Member member : members) {
                if (Modifier.isStatic(member.getModifiers())) {
                    names.add(member.getName());
                }
            }
            for (Class<?> inner : type.getClasses()) {
                names.add(inner.getSimpleName());
            }
            return names;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
