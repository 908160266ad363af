/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Reads reference fields by offset through {@code sun.misc.Unsafe}, which reaches the fields of
 * JDK classes whose packages are closed to reflection (the array inside an {@code ArrayList}),
 * but only on JDKs where it does so silently: before JDK 24. From JDK 24 {@code Unsafe}'s memory
 * access warns on first use and is headed for removal (JEP 471), so this class is then never
 * initialised (see {@link ClassLayout#UNSAFE_READS}) and {@link JdkModels} measure such classes
 * through their public API instead.
 * <p>
 * {@code Unsafe} is reached through method handles found at run time, so that compiling against
 * it raises no warning; constant handles cost the JIT-compiled code nothing.
 */
final class FieldReader {

	private static final MethodHandle objectFieldOffset;

	private static final MethodHandle getObject;

	static {
		MethodHandle offset = null;
		MethodHandle get = null;
		try {
			Class<?> type = Class.forName("sun.misc.Unsafe");
			Field field = type.getDeclaredField("theUnsafe");
			field.setAccessible(true);
			Object unsafe = field.get(null);
			MethodHandles.Lookup lookup = MethodHandles.publicLookup();
			offset = lookup.findVirtual(type, "objectFieldOffset", MethodType.methodType(long.class, Field.class))
				.bindTo(unsafe);
			get = lookup.findVirtual(type, "getObject", MethodType.methodType(Object.class, Object.class, long.class))
				.bindTo(unsafe);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			offset = null;
			get = null;
		}
		objectFieldOffset = offset;
		getObject = get;
	}

	private FieldReader() {
	}

	/**
	 * Return whether {@code Unsafe} could be loaded. Only call this on JDKs older than 24.
	 */
	static boolean isAvailable() {
		return objectFieldOffset != null;
	}

	/**
	 * Return the offset of an instance field, or -1 if it has none ({@code Unsafe} gives no
	 * offsets for the fields of records and hidden classes).
	 */
	static long offsetOf(Field field) {
		try {
			return (long) objectFieldOffset.invokeExact(field);
		}
		catch (UnsupportedOperationException ex) {
			return -1;
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	/**
	 * Return the value of the reference field at the given offset of the object.
	 */
	static Object read(Object object, long offset) {
		try {
			return (Object) getObject.invokeExact(object, offset);
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	private static RuntimeException rethrow(Throwable ex) {
		if (ex instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		throw new IllegalStateException("sun.misc.Unsafe failed", ex);
	}

}
