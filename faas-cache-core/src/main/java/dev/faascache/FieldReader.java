/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.reflect.Field;

import sun.misc.Unsafe;

/**
 * Reads reference fields by offset through {@code sun.misc.Unsafe}, the only way to read the
 * fields of JDK classes (such as the array inside an {@code ArrayList}) whose modules are closed
 * to reflection, and the way jamm reads them too. Kept in this one class so that another engine
 * can replace it (JDK 24 and later warn that {@code Unsafe} is headed for removal).
 */
final class FieldReader {

	private static final Unsafe unsafe = loadUnsafe();

	private FieldReader() {
	}

	private static Unsafe loadUnsafe() {
		try {
			Field field = Unsafe.class.getDeclaredField("theUnsafe");
			field.setAccessible(true);
			return (Unsafe) field.get(null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new ExceptionInInitializerError("sun.misc.Unsafe is needed to measure objects: " + ex);
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
	 * Return the offset of a declared instance field of a class that has one.
	 */
	static long offsetOf(Class<?> type, String name) {
		try {
			return unsafe.objectFieldOffset(type.getDeclaredField(name));
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException("No field '" + name + "' in " + type, ex);
		}
	}

	/**
	 * Return the bytes of an element of an array of references: the size of a reference.
	 */
	static int referenceSize() {
		return unsafe.arrayIndexScale(Object[].class);
	}

	/**
	 * Return the offset of the first element of an array of references.
	 */
	static long arrayBaseOffset() {
		return unsafe.arrayBaseOffset(Object[].class);
	}

	/**
	 * Return the value of the reference field at the given offset of the object.
	 */
	static Object read(Object object, long offset) {
		return unsafe.getObject(object, offset);
	}

}
