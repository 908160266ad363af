/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

import org.junit.jupiter.api.Assumptions;

/**
 * The object layout of the JVM running the tests, read from its options rather than from the
 * sizing code under test, so that tests can pin byte counts to literals measured independently
 * (with jamm, and against the heap) for each layout. The literals hold on JDK 17 and 25 with the
 * default 8-byte alignment.
 */
final class JvmLayout {

	/** Compressed oops and class pointers, 12-byte object headers: the default of JDK 17 and 25. */
	static final boolean COMPRESSED = flag("UseCompressedOops") && flag("UseCompressedClassPointers")
			&& !flag("UseCompactObjectHeaders") && alignment() == 8;

	/** JDK 24+ with {@code -XX:+UseCompactObjectHeaders}: 8-byte headers. */
	static final boolean COMPACT = flag("UseCompressedOops") && flag("UseCompactObjectHeaders") && alignment() == 8;

	private JvmLayout() {
	}

	/**
	 * Return the bytes each entry costs beyond its key and value, measured with jamm: the cache's
	 * node, which is also the link of its bin in the hash table, 72 bytes on both layouts.
	 */
	static long nodeBytes() {
		return bytes(72, 72);
	}

	/**
	 * Return the bytes of the timer wheel's buckets, measured with jamm: seven arrays of 64
	 * references and the array holding them.
	 */
	static long wheelBytes() {
		return bytes(1952, 1944);
	}

	/**
	 * Return the literal for the layout the tests run on, or skip the test on any other layout.
	 * @param compressed the bytes with compressed oops and 12-byte headers
	 * @param compact the bytes with compact object headers
	 */
	static long bytes(long compressed, long compact) {
		Assumptions.assumeTrue(COMPRESSED || COMPACT, "literal sizes are known for the default and the compact layout");
		return COMPRESSED ? compressed : compact;
	}

	private static boolean flag(String name) {
		try {
			return Boolean.parseBoolean(diagnostics().getVMOption(name).getValue());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static long alignment() {
		return Long.parseLong(diagnostics().getVMOption("ObjectAlignmentInBytes").getValue());
	}

	private static HotSpotDiagnosticMXBean diagnostics() {
		return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
	}

}
