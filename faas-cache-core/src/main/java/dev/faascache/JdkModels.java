/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.ref.Reference;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sizes of the JDK classes whose packages are closed to reflection, worked out from their public
 * API, for JDKs where {@code sun.misc.Unsafe} would warn or is denied.
 * <p>
 * A class with no reference field (boxes, {@code Instant}, {@code LocalDate}, {@code UUID}) needs
 * no model: its shallow size is all of it. For the others, a model pushes what an instance
 * references onto the walk, through the accessors that return those very objects (a
 * {@code LocalDateTime}'s date and time, a map's keys and values), and adds the bytes of the
 * parts no accessor returns: a collection's arrays and nodes, whose sizes follow from its size
 * and the growth rules of the class. Where those rules leave a choice, the model takes the larger
 * size, and says so ({@link Model#estimate()}): the capacity of an {@code ArrayList} is taken as
 * grown one element at a time from the default, which is also exact for the lists a JSON mapper
 * builds, but counts a list presized larger than it ever grew as smaller than it is.
 * <p>
 * Caches a class creates lazily and keeps are made to exist before they are counted, so that
 * the count does not depend on calls made before: a map's key, value and entry views, a
 * {@code BigDecimal}'s string. Making them allocates once per object, never again.
 */
final class JdkModels {

	private static final Map<Class<?>, Model> byClass = new HashMap<>();


	static {
		model(BigInteger.class, (object, walk) -> bigIntegerBytes((BigInteger) object));
		model(BigDecimal.class, JdkModels::bigDecimal);
		model(LocalDateTime.class, (object, walk) -> push(walk, ((LocalDateTime) object).toLocalDate(),
				((LocalDateTime) object).toLocalTime()));
		model(OffsetDateTime.class, (object, walk) -> push(walk, ((OffsetDateTime) object).toLocalDateTime(),
				((OffsetDateTime) object).getOffset()));
		model(ZonedDateTime.class, (object, walk) -> push(walk, ((ZonedDateTime) object).toLocalDateTime(),
				((ZonedDateTime) object).getOffset(), ((ZonedDateTime) object).getZone()));
		model(OffsetTime.class, (object, walk) -> push(walk, ((OffsetTime) object).toLocalTime(),
				((OffsetTime) object).getOffset()));
		// A zone's rules are the JDK's own, shared by every instance of the zone.
		model(ZoneOffset.class, (object, walk) -> push(walk, ((ZoneId) object).getId()));
		model(classNamed("java.time.ZoneRegion"), (object, walk) -> push(walk, ((ZoneId) object).getId()));
		model(Optional.class, (object, walk) -> push(walk, ((Optional<?>) object).orElse(null)));
		model(AtomicReference.class, (object, walk) -> push(walk, ((AtomicReference<?>) object).get()));
		model(AtomicReferenceArray.class, JdkModels::atomicArray);
		model(AtomicLongArray.class, (object, walk) -> MemoryLayout.arraySize(((AtomicLongArray) object).length(),
				Long.BYTES));
		model(AtomicIntegerArray.class, (object, walk) -> MemoryLayout.arraySize(((AtomicIntegerArray) object).length(),
				Integer.BYTES));
		Model adder = new Estimate("its cells, made only when threads contend, are not counted", (object, walk) -> 0);
		model(LongAdder.class, adder);
		model(DoubleAdder.class, adder);
		CollectionModels.addTo(byClass);
		model(ReentrantLock.class, (object, walk) -> MemoryLayout.instanceSize(classNamed(
				((ReentrantLock) object).isFair() ? "java.util.concurrent.locks.ReentrantLock$FairSync"
						: "java.util.concurrent.locks.ReentrantLock$NonfairSync")));
	}

	private JdkModels() {
	}

	/**
	 * Return the model of a class whose fields cannot be read, or {@code null} if there is none,
	 * when only the class's shallow size can be counted.
	 */
	static Model of(Class<?> type) {
		Model model = byClass.get(type);
		if (model != null) {
			return model;
		}
		if (Reference.class.isAssignableFrom(type)) {
			// The referent is not counted, as weakly held; the queue is shared.
			return (object, walk) -> 0;
		}
		if (ByteBuffer.class.isAssignableFrom(type)) {
			return (object, walk) -> ((ByteBuffer) object).hasArray()
					? MemoryLayout.arraySize(((ByteBuffer) object).array().length, 1) : 0;
		}
		return CollectionModels.generic(type);
	}

	private static void model(Class<?> type, Model model) {
		byClass.put(type, model);
	}

	private static long push(GraphWalk walk, Object... children) {
		for (Object child : children) {
			walk.accept(child);
		}
		return 0;
	}

	private static long atomicArray(Object object, GraphWalk walk) {
		AtomicReferenceArray<?> array = (AtomicReferenceArray<?>) object;
		for (int i = 0; i < array.length(); i++) {
			walk.accept(array.get(i));
		}
		return CollectionModels.referenceArray(array.length());
	}

	/** The magnitude of a {@code BigInteger}: an {@code int[]} without leading zeros. */
	private static long bigIntegerBytes(BigInteger value) {
		int bits = value.bitLength();
		if (value.signum() < 0 && value.getLowestSetBit() == bits) {
			// A negative power of two takes one bit more in magnitude than in two's complement.
			bits++;
		}
		return MemoryLayout.arraySize((bits + 31) / 32, Integer.BYTES);
	}

	private static long bigDecimal(Object object, GraphWalk walk) {
		BigDecimal value = (BigDecimal) object;
		// The unscaled value is kept when it does not fit in a long or was given as a BigInteger;
		// otherwise each call makes a new one.
		BigInteger unscaled = value.unscaledValue();
		long bytes = (unscaled == value.unscaledValue()) ? MemoryLayout.instanceSize(BigInteger.class)
				+ bigIntegerBytes(unscaled) : 0;
		walk.accept(value.toString());
		return bytes;
	}

	static Class<?> classNamed(String name) {
		try {
			return Class.forName(name, false, null);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("The JDK has no " + name + " to measure", ex);
		}
	}

	/**
	 * How an instance of a class whose fields cannot be read is measured.
	 */
	@FunctionalInterface
	interface Model {

		/**
		 * Push what the object references onto the walk, and return the bytes it holds besides
		 * its shallow size and what was pushed.
		 */
		long measure(Object object, GraphWalk walk);

		/**
		 * Return what this model assumes where the public API does not tell, or {@code null} if
		 * it is exact.
		 */
		default String estimate() {
			return null;
		}

	}

	/** A model that assumes what the public API does not tell. */
	record Estimate(String estimate, Model model) implements Model {

		@Override
		public long measure(Object object, GraphWalk walk) {
			return this.model.measure(object, walk);
		}

	}

}
