/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The classes that whoever writes to the remote server may name and have this instance load:
 * the JDK's plain values ({@code String}, the boxed primitives, {@code BigDecimal}, {@code UUID},
 * the classes of {@code java.time}) and collections, and the classes of the packages given, with
 * their subpackages. Values read back from the remote server and keys read back from the
 * invalidations of other instances are of these classes only. A class is checked by name,
 * before it is loaded.
 * <p>
 * {@code java.lang.Class}, class loaders, threads, timers and the reflection packages are never
 * trusted, even when every package is; nor is a name with type parameters.
 */
public final class TrustedClasses {

	/**
	 * Trusts every package, in place of a list of packages.
	 */
	public static final String TRUST_ALL = "*";

	/** Classes of the JDK that may be read back: plain values and collections. */
	private static final Set<String> JDK_TYPES = Set.of("java.lang.Object", "java.lang.String", "java.lang.Boolean",
			"java.lang.Character", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
			"java.lang.Float", "java.lang.Double", "java.lang.Number", "java.math.BigInteger", "java.math.BigDecimal",
			"java.util.UUID", "java.util.Date", "java.util.Locale", "java.util.Currency", "java.util.Optional",
			"java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble", "java.util.Collection",
			"java.util.List", "java.util.Set", "java.util.SortedSet", "java.util.NavigableSet", "java.util.Queue",
			"java.util.Deque", "java.util.Map", "java.util.SortedMap", "java.util.NavigableMap", "java.util.ArrayList",
			"java.util.LinkedList", "java.util.ArrayDeque", "java.util.HashSet", "java.util.LinkedHashSet",
			"java.util.TreeSet", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
			"java.util.EnumMap", "java.util.Arrays$ArrayList");

	/** Prefixes of the names of the JDK's immutable and wrapped collections, and java.time's values. */
	private static final List<String> JDK_TYPE_PREFIXES = List.of("java.util.ImmutableCollections$",
			"java.util.Collections$Unmodifiable", "java.util.Collections$Singleton", "java.util.Collections$Empty",
			"java.util.Collections$Synchronized", "java.time.");

	/**
	 * Classes never trusted, {@value #TRUST_ALL} or not: creating them, or reading their name,
	 * loads or runs code, or starts threads.
	 */
	private static final Set<String> NEVER_TRUSTED = Set.of("java.lang.Class", "java.lang.ClassLoader",
			"java.lang.Thread", "java.lang.ThreadGroup", "java.lang.Runtime", "java.lang.ProcessBuilder",
			"java.lang.System", "java.util.Timer", "java.util.ServiceLoader");

	/** A class name as {@link Class#getName()} gives it, with no type parameters. */
	private static final Pattern CLASS_NAME = Pattern
		.compile("\\[*(?:[ZBCSIJFD]|L[\\p{L}\\p{N}_$.]+;)|[\\p{L}\\p{N}_$.]+");

	private final List<String> packages;

	private final boolean trustAll;

	private final ClassLoader classLoader;

	/**
	 * Create the trusted classes.
	 * @param packages the packages, with their subpackages, whose classes are trusted besides
	 * those of the JDK; {@value #TRUST_ALL} for every class
	 * @param classLoader the class loader of the application's classes
	 */
	public TrustedClasses(Collection<String> packages, ClassLoader classLoader) {
		this.packages = List.copyOf(packages);
		this.trustAll = this.packages.contains(TRUST_ALL);
		this.classLoader = Objects.requireNonNull(classLoader, "classLoader must not be null");
	}

	/**
	 * Return whether the named class is trusted.
	 * @param className the class name, as {@link Class#getName()} gives it
	 * @return {@code true} if the class may be loaded
	 */
	public boolean isTrusted(String className) {
		if (!CLASS_NAME.matcher(className).matches()) {
			return false;
		}
		String name = className.replaceFirst("^\\[+", "");
		if (name.length() == 1) {
			return true;
		}
		if (name.startsWith("L") && name.endsWith(";") && className.startsWith("[")) {
			name = name.substring(1, name.length() - 1);
		}
		if (NEVER_TRUSTED.contains(name) || name.startsWith("java.lang.reflect.")
				|| name.startsWith("java.lang.invoke.")) {
			return false;
		}
		if (this.trustAll || JDK_TYPES.contains(name) || isJdkValue(name)) {
			return true;
		}
		String packageName = (name.lastIndexOf('.') > 0) ? name.substring(0, name.lastIndexOf('.')) : "";
		return this.packages.stream()
			.anyMatch((trusted) -> packageName.equals(trusted) || packageName.startsWith(trusted + "."));
	}

	/**
	 * Load the named class, without initialising it, if it is trusted.
	 * @param className the class name, as {@link Class#getName()} gives it
	 * @return the class, or {@code null} if it is not trusted, not found or cannot be linked
	 */
	@Nullable Class<?> load(String className) {
		if (!isTrusted(className)) {
			return null;
		}
		try {
			return ClassUtils.forName(className, this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * Return the class loader of the application's classes.
	 * @return the class loader
	 */
	public ClassLoader getClassLoader() {
		return this.classLoader;
	}

	private static boolean isJdkValue(String name) {
		for (String prefix : JDK_TYPE_PREFIXES) {
			if (name.startsWith(prefix) && name.indexOf('.', prefix.length()) < 0) {
				return true;
			}
		}
		return false;
	}

}
