/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

/**
 * Measures how many bytes of heap an object takes, including everything it references.
 * <p>
 * The cache measures each key and each value once, when it is written, and adds the size of its
 * own per-entry node. The default sizer walks the object graph (see {@link #deep()}). Supply a
 * cheaper one when the size of your values is known, for example
 * {@code object -> object instanceof byte[] bytes ? 16 + bytes.length : 64}. A sizer that returns
 * less than the truth lets the cache use more heap than its budget.
 *
 * @see FaasCache.Builder#sizer(Sizer)
 */
@FunctionalInterface
public interface Sizer {

	/**
	 * Return the deep size of the given object: its own shallow size plus that of every object it
	 * strongly references, each counted once.
	 * @param object the object to measure, never {@code null}
	 * @return the size in bytes, never negative
	 */
	long sizeOf(Object object);

	/**
	 * Return the default sizer, which measures the whole object graph with the JVM's real object
	 * layout and needs no {@code -javaagent}. It gives the sizes jamm's
	 * {@code MemoryMeter.measureDeep} gives, with the same rules (class objects and enum
	 * constants are not counted, nor the referent of a weak or soft reference), several times
	 * faster and without allocating.
	 * <p>
	 * <b>Note:</b> a sub-object shared by several entries is counted once per entry, so the cache
	 * may evict early, never late. A field that cannot be read (the fields of some JDK hidden
	 * classes, such as a lambda comparator created by {@code Comparator.comparing}) is not
	 * followed: the object holding it is counted by its shallow size, the rest of the graph in
	 * full, and a warning naming the class is logged once.
	 * <p>
	 * <b>Note:</b> it never uses {@code sun.misc.Unsafe} from JDK 24, so it prints no warning and
	 * works with {@code --sun-misc-unsafe-memory-access=deny}. There, JDK classes, whose packages
	 * are closed to reflection, are measured through their public API, exactly for the common
	 * value types and on the high side where the API leaves a size open (an {@code ArrayList}'s
	 * capacity is taken as grown one element at a time); such estimates are logged once per
	 * class at debug level. A jamm {@code Measurable} is then measured like any other object,
	 * since jamm itself needs {@code Unsafe}.
	 * @return the deep sizer
	 */
	static Sizer deep() {
		return DeepSizer.INSTANCE;
	}

}
