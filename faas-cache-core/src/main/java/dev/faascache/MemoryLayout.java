/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The JVM's object layout, and the shallow size of an instance of a class, computed the way jamm
 * computes it without an agent, so that {@link DeepSizer} reports exactly jamm's sizes.
 * <p>
 * The reference size and the header size are read off {@code sun.misc.Unsafe}; the object
 * alignment, which no API exposes otherwise, from the {@code ObjectAlignmentInBytes} option of the
 * JVM, once, through the HotSpot diagnostic MXBean, which costs far less than starting the
 * platform MBean server as jamm does (8 bytes, the default, when the option cannot be read).
 * Classes whose layout holds {@code @Contended} padding (such as the cells of a {@code LongAdder})
 * are left to jamm.
 */
final class MemoryLayout {

	/** Bytes of a reference: 4 with compressed oops. */
	static final int REFERENCE_SIZE = FieldReader.referenceSize();

	/** Offset of the first element of an array, which jamm uses for arrays of every type. */
	static final long ARRAY_BASE = FieldReader.arrayBaseOffset();

	/** Bytes of an object's header: the offset of the field of a class that has only a byte. */
	static final long OBJECT_HEADER = FieldReader.offsetOf(HeaderProbe.class, "value");

	static final long ALIGNMENT = alignment();

	/** jamm's rules for {@code @Contended} padding are its own: such classes are measured by jamm. */
	private static final Class<? extends Annotation> CONTENDED = contendedAnnotation();

	private MemoryLayout() {
	}

	private static long alignment() {
		try {
			HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			return Long.parseLong(diagnostics.getVMOption("ObjectAlignmentInBytes").getValue());
		}
		catch (RuntimeException | LinkageError ex) {
			return 8;
		}
	}

	private static Class<? extends Annotation> contendedAnnotation() {
		try {
			return Class.forName("jdk.internal.vm.annotation.Contended").asSubclass(Annotation.class);
		}
		catch (ClassNotFoundException | ClassCastException ex) {
			return null;
		}
	}

	/**
	 * Round a size up to the object alignment.
	 */
	static long align(long size) {
		return (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
	}

	/**
	 * Return the bytes a field, or an element of an array, of the given type takes.
	 */
	static int elementSize(Class<?> type) {
		if (!type.isPrimitive()) {
			return REFERENCE_SIZE;
		}
		if (type == long.class || type == double.class) {
			return 8;
		}
		if (type == int.class || type == float.class) {
			return 4;
		}
		if (type == short.class || type == char.class) {
			return 2;
		}
		return 1;
	}

	/**
	 * Return the size of an array of the given length whose elements take the given bytes each.
	 */
	static long arraySize(long length, int elementSize) {
		return align(ARRAY_BASE + length * elementSize);
	}

	/**
	 * Return the shallow size of every instance of a class that is not an array, or -1 if its
	 * layout holds {@code @Contended} padding.
	 * <p>
	 * The fields of a record or a hidden class have no offset to read, so their size is the
	 * header plus the size of every field, as jamm's specification strategy counts it; otherwise
	 * it is the end of the field that ends last, as jamm's {@code Unsafe} strategy counts it.
	 */
	static long instanceSize(Class<?> type) {
		boolean byOffsets = !type.isRecord() && !type.isHidden();
		long size = byOffsets ? 0 : OBJECT_HEADER;
		for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
			if (isContended(declaring)) {
				return -1;
			}
			for (Field field : declaring.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				if (isContended(field)) {
					return -1;
				}
				int fieldSize = elementSize(field.getType());
				size = byOffsets ? Math.max(size, FieldReader.offsetOf(field) + fieldSize) : size + fieldSize;
			}
		}
		return align(Math.max(size, OBJECT_HEADER));
	}

	private static boolean isContended(AnnotatedElement element) {
		return CONTENDED != null && element.isAnnotationPresent(CONTENDED);
	}

	/** A class with one byte field, which lies right after the object header. */
	private static final class HeaderProbe {

		byte value;

	}

}
