/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Loads the cache in a JVM of its own, as a function's cold start does, and writes well past a
 * small byte budget, with the default sizer and then with a custom one, a jamm {@code Measurable}
 * value among the first; prints the worst bytes
 * accounted after any write and the evictions. {@link UnsafeFreeSizingTests} runs it with the
 * JVM's default options and with {@code sun.misc.Unsafe} memory access denied, and reads what it
 * prints on standard error too.
 */
final class CacheSmokeProbe {

	private static final long BUDGET = 256 * 1024;

	private CacheSmokeProbe() {
	}

	public static void main(String[] args) {
		SplittableRandom random = new SplittableRandom(7);
		run("deep", FaasCache.<String, Object>builder().maxSize(BUDGET).build(), random);
		run("custom", FaasCache.<String, Object>builder().maxSize(BUDGET).sizer((object) -> 1024).build(), random);
	}

	private static void run(String sizer, FaasCache<String, Object> cache, SplittableRandom random) {
		cache.put("measurable", new DeepSizerTests.SelfMeasured(new byte[64]));
		long maxAccounted = cache.getByteSize();
		for (long serial = 0; serial < 5_000; serial++) {
			ValueShapes shape = ValueShapes.values()[random.nextInt(ValueShapes.values().length)];
			cache.put(ValueShapes.key(serial), shape.create(random, serial));
			maxAccounted = Math.max(maxAccounted, cache.getByteSize());
		}
		System.out.println(String.format(Locale.ROOT, "RESULT sizer=%s budget=%d maxAccounted=%d evictions=%d entries=%d",
				sizer, BUDGET, maxAccounted, cache.stats().evictionCount(), cache.size()));
	}

}
