/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The JVM's object layout: header, reference and array sizes, object alignment, and the shallow
 * size of an instance of a class.
 * <p>
 * Everything is derived from the options the JVM runs with ({@code UseCompressedOops},
 * {@code UseCompressedClassPointers}, {@code UseCompactObjectHeaders}, {@code ObjectAlignmentInBytes},
 * {@code CompactStrings}), read once through the HotSpot diagnostic MXBean, which needs no MBean
 * server, and from HotSpot's layout rules ({@link FieldLayout}); nothing here touches
 * {@code sun.misc.Unsafe}, so it works the same on every JDK from 17 and when {@code Unsafe}
 * memory access is denied. When the options cannot be read (a runtime without
 * {@code jdk.management}) HotSpot's defaults for the heap size are assumed and a warning is logged.
 */
final class MemoryLayout {

	private static final VmOptions options = VmOptions.read();

	/** Bytes of a reference: 4 with compressed oops. */
	static final int REFERENCE_SIZE = options.compressedOops ? 4 : 8;

	/** Bytes of an object's header: mark word and class pointer, or the mark word alone when compact. */
	static final int OBJECT_HEADER = options.compactHeaders ? 8 : options.compressedClassPointers ? 12 : 16;

	static final long ALIGNMENT = options.alignment;

	/** Whether strings of Latin-1 text take one byte a character. */
	static final boolean COMPACT_STRINGS = options.compactStrings;

	/**
	 * Whether only arrays of 8-byte elements have their first element aligned to 8 bytes, as
	 * from JDK 22; before, every array's was.
	 */
	private static final boolean RELAXED_ARRAY_BASE = Runtime.version().feature() >= 22;

	private MemoryLayout() {
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
	 * Return the offset of the first element of an array whose elements take the given bytes:
	 * the array's length follows the object header.
	 */
	static long arrayBase(int elementSize) {
		long end = OBJECT_HEADER + Integer.BYTES;
		return (elementSize == 8 || !RELAXED_ARRAY_BASE) ? (end + 7) / 8 * 8 : end;
	}

	/**
	 * Return the size of an array of the given length whose elements take the given bytes each.
	 */
	static long arraySize(long length, int elementSize) {
		return align(arrayBase(elementSize) + length * elementSize);
	}

	/**
	 * Return the shallow size of every instance of a class that is not an array, as HotSpot lays
	 * it out (see {@link FieldLayout}).
	 */
	static long instanceSize(Class<?> type) {
		return FieldLayout.of(type).instanceSize();
	}

	/**
	 * The options of the running JVM that decide object layout.
	 */
	private record VmOptions(boolean compressedOops, boolean compressedClassPointers, boolean compactHeaders,
			long alignment, boolean compactStrings) {

		/** HotSpot gives up compressed oops for heaps of 32 GB and more. */
		private static final long COMPRESSED_OOPS_LIMIT = 32L << 30;

		static VmOptions read() {
			try {
				HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
				boolean compactHeaders = Runtime.version().feature() >= 24
						&& Boolean.parseBoolean(diagnostics.getVMOption("UseCompactObjectHeaders").getValue());
				return new VmOptions(Boolean.parseBoolean(diagnostics.getVMOption("UseCompressedOops").getValue()),
						Boolean.parseBoolean(diagnostics.getVMOption("UseCompressedClassPointers").getValue()),
						compactHeaders, Long.parseLong(diagnostics.getVMOption("ObjectAlignmentInBytes").getValue()),
						Boolean.parseBoolean(diagnostics.getVMOption("CompactStrings").getValue()));
			}
			catch (RuntimeException | LinkageError ex) {
				boolean compressedOops = Runtime.getRuntime().maxMemory() < COMPRESSED_OOPS_LIMIT;
				System.getLogger(Sizer.class.getName()).log(Level.WARNING, "Cannot read the JVM's layout options ("
						+ ex + "); sizes assume HotSpot's defaults, compressed oops " + (compressedOops ? "on" : "off"));
				return new VmOptions(compressedOops, true, false, 8, true);
			}
		}

	}

}
