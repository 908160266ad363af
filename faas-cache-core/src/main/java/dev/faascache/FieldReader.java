/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.reflect.Field;

import sun.misc.Unsafe;

/**
 * Reads reference fields by offset through {@code sun.misc.Unsafe}, which reaches the fields of
 * JDK classes whose packages are closed to reflection (the array inside an {@code ArrayList}),
 * but only on JDKs where it does so silently: before JDK 24. From JDK 24 {@code Unsafe}'s memory
 * access warns on first use and is headed for removal (JEP 471), so this class is then never
 * initialised (see {@link ClassLayout#UNSAFE_READS}) and {@link JdkModels} measure such classes through their public API instead.
 */
final class FieldReader {

	private static final Unsafe unsafe = loadUnsafe();

	private FieldReader() {
	}

	/**
	 * Return whether {@code Unsafe} could be loaded. Only call this on JDKs older than 24.
	 */
	static boolean isAvailable() {
		return unsafe != null;
	}

	private static Unsafe loadUnsafe() {
		try {
			Field field = Unsafe.class.getDeclaredField("theUnsafe");
			field.setAccessible(true);
			return (Unsafe) field.get(null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Return the offset of an instance field, or -1 if it has none ({@code Unsafe} gives no
	 * offsets for the fields of records and hidden classes).
	 */
	static long offsetOf(Field field) {
		try {
			return unsafe.objectFieldOffset(field);
		}
		catch (UnsupportedOperationException ex) {
			return -1;
		}
	}

	/**
	 * Return the value of the reference field at the given offset of the object.
	 */
	static Object read(Object object, long offset) {
		return unsafe.getObject(object, offset);
	}

}
