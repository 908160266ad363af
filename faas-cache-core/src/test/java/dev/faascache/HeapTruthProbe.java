/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fills a cache in a JVM of its own and prints how many bytes the cache accounted next to how
 * much the heap really grew. {@link HeapTruthTests} runs it with {@code -XX:+UseSerialGC}, where a
 * full collection leaves exactly the live objects, and parses the {@code RESULT} lines.
 * <p>
 * Between the two heap readings only the cache holds the keys and values.
 * <ul>
 * <li>{@code fill SHAPE|MIXED MEGABYTES [SHAPE MEGABYTES...]}: for each pair, fill a new cache
 * with a budget it never reaches until it accounts that many megabytes, and print {@code accounted},
 * {@code heap} (the heap delta) and {@code entries}; the cache is dropped before the next pair.</li>
 * <li>{@code churn BUDGET_MB WRITTEN_MB SAMPLES}: write far more than the budget; after every
 * write check the accounted size against the budget, and at {@code SAMPLES} points measure the
 * heap; print the worst of each.</li>
 * <li>{@code rekey MEGABYTES}: fill with 1 KB keys, then write every key again under a new, equal
 * key object, and print {@code accounted} and {@code heap}.</li>
 * <li>{@code shrink BUDGET_MB EVICTIONS}: under the budget, write tiny entries until that many
 * evictions, then large ones until twice as many more, and print the worst heap seen as
 * {@code maxHeap}.</li>
 * </ul>
 */
final class HeapTruthProbe {

	private static final long MB = 1024 * 1024;

	private final SplittableRandom random = new SplittableRandom(42);

	private long serial;

	private HeapTruthProbe() {
	}

	public static void main(String[] args) {
		HeapTruthProbe probe = new HeapTruthProbe();
		probe.warmUp();
		switch (args[0]) {
			case "fill" -> {
				for (int i = 1; i < args.length; i += 2) {
					probe.fill(args[i], Long.parseLong(args[i + 1]) * MB);
				}
			}
			case "churn" -> probe.churn(Long.parseLong(args[1]) * MB, Long.parseLong(args[2]) * MB,
					Integer.parseInt(args[3]));
			case "rekey" -> probe.rekey(Long.parseLong(args[1]) * MB);
			case "shrink" -> probe.shrink(Long.parseLong(args[1]) * MB, Long.parseLong(args[2]));
			default -> throw new IllegalArgumentException(
					"Unknown mode " + args[0] + "; use fill, churn, rekey or shrink");
		}
	}

	/**
	 * Load and compile everything a fill touches, so that class metadata and one-off JDK caches
	 * are already on the heap when the baseline is taken.
	 */
	private void warmUp() {
		FaasCache<String, Object> cache = FaasCache.<String, Object>builder().maxSize("8M").build();
		for (int i = 0; i < 20_000; i++) {
			long id = this.serial++;
			cache.put(ValueShapes.key(id), nextValue("MIXED", id));
			cache.get(ValueShapes.key(id - 10));
		}
		cache.clear();
	}

	private void fill(String shape, long target) {
		long before = usedHeapAfterGc();
		FaasCache<String, Object> cache = FaasCache.<String, Object>builder().maxSize("400M").build();
		while (cache.getByteSize() < target) {
			long id = this.serial++;
			cache.put(ValueShapes.key(id), nextValue(shape, id));
		}
		long heap = usedHeapAfterGc() - before;
		print("shape=%s accounted=%d heap=%d entries=%d", shape, cache.getByteSize(), heap, cache.size());
		Reference.reachabilityFence(cache);
	}

	private void churn(long budget, long toWrite, int samples) {
		int keyRange = 20_000;
		long before = usedHeapAfterGc();
		long[] written = new long[1];
		FaasCache<String, Object> cache = FaasCache.<String, Object>builder()
			.maxSize(budget)
			.sizer((object) -> {
				long bytes = Sizer.deep().sizeOf(object);
				written[0] += bytes;
				return bytes;
			})
			.build();
		long maxAccounted = 0;
		long maxHeap = 0;
		long accountedAtMaxHeap = 0;
		long nextSample = toWrite / samples;
		while (written[0] < toWrite) {
			cache.put(ValueShapes.key(this.random.nextInt(keyRange) + 1_000_000_000L), nextValue("MIXED", this.serial++));
			maxAccounted = Math.max(maxAccounted, cache.getByteSize());
			if (written[0] >= nextSample) {
				nextSample += toWrite / samples;
				long heap = usedHeapAfterGc() - before;
				if (heap > maxHeap) {
					maxHeap = heap;
					accountedAtMaxHeap = cache.getByteSize();
				}
			}
		}
		print("budget=%d written=%d maxAccounted=%d maxHeap=%d accountedAtMaxHeap=%d evictions=%d entries=%d", budget,
				written[0], maxAccounted, maxHeap, accountedAtMaxHeap, cache.stats().evictionCount(), cache.size());
		Reference.reachabilityFence(cache);
	}

	private void rekey(long target) {
		long before = usedHeapAfterGc();
		FaasCache<String, Long> cache = FaasCache.<String, Long>builder().maxSize("400M").build();
		String padding = "-".repeat(1024);
		int keys = 0;
		while (cache.getByteSize() < target) {
			cache.put(keys + padding, (long) keys);
			keys++;
		}
		for (int i = 0; i < keys; i++) {
			cache.put(new String(i + padding), (long) -i);
		}
		long heap = usedHeapAfterGc() - before;
		print("accounted=%d heap=%d entries=%d", cache.getByteSize(), heap, cache.size());
		Reference.reachabilityFence(cache);
	}

	private void shrink(long budget, long evictions) {
		long before = usedHeapAfterGc();
		FaasCache<Long, Object> cache = FaasCache.<Long, Object>builder().maxSize(budget).build();
		long id = 1_000_000;
		while (cache.stats().evictionCount() < evictions) {
			cache.put(id, id);
			id++;
		}
		long maxHeap = usedHeapAfterGc() - before;
		while (cache.stats().evictionCount() < 3 * evictions) {
			cache.put(id, ValueShapes.BYTE_ARRAY.create(this.random, id));
			id++;
		}
		maxHeap = Math.max(maxHeap, usedHeapAfterGc() - before);
		print("budget=%d maxHeap=%d accounted=%d entries=%d", budget, maxHeap, cache.getByteSize(), cache.size());
		Reference.reachabilityFence(cache);
	}

	private Object nextValue(String shape, long id) {
		List<ValueShapes> all = List.of(ValueShapes.values());
		ValueShapes chosen = shape.equals("MIXED") ? all.get(this.random.nextInt(all.size())) : ValueShapes.valueOf(shape);
		return chosen.create(this.random, id);
	}

	/**
	 * Return the heap in use after full collections. The forked JVM runs without thread-local
	 * allocation buffers, so no buffer handed out after the collection counts as used.
	 */
	private static long usedHeapAfterGc() {
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void print(String format, Object... args) {
		System.out.println("RESULT " + String.format(Locale.ROOT, format, args));
	}

}
