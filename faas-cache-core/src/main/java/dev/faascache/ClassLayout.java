/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.github.jamm.CannotAccessFieldException;
import org.github.jamm.FieldAndClassFilter;
import org.github.jamm.FieldFilter;
import org.github.jamm.Filters;
import org.github.jamm.Measurable;
import org.github.jamm.MemoryMeter;

/**
 * What {@link DeepSizer} needs to know about a class to measure its instances and find what
 * they reference, worked out once per class and kept in a {@link ClassValue}.
 * <p>
 * The filters are jamm's own defaults ({@code MemoryMeter.builder().build()}): {@code Class}
 * objects, enum constants, class loaders and {@code @Unmetered} classes are not counted; static
 * and primitive fields, the referent of a {@code java.lang.ref.Reference} and the other fields
 * jamm leaves out are not followed. Reference fields are read through {@code sun.misc.Unsafe}
 * by offset, as jamm does for classes whose module is closed to reflection; the fields of records
 * and hidden classes, which have no offset, are read by reflection where their module allows it.
 * A field that can be read neither way is not followed.
 */
final class ClassLayout {

	/** How the instances of a class are measured. */
	enum Kind {

		/** Not counted, nor anything it references. */
		IGNORED,

		/** A string: its shallow size plus its value array, as jamm counts it. */
		STRING,

		/** An array of primitives. */
		PRIMITIVE_ARRAY,

		/** An array of references, whose elements are followed. */
		REFERENCE_ARRAY,

		/** An object whose reference fields are followed. */
		INSTANCE,

		/** Measures itself through jamm's {@link Measurable}, so jamm must walk the graph. */
		MEASURABLE

	}

	private static final System.Logger logger = System.getLogger(Sizer.class.getName());

	private static final FieldAndClassFilter classFilter = Filters.getClassFilters(true);

	private static final FieldFilter fieldFilter = Filters.getFieldFilters(true, false, true);

	private static final long STRING_SIZE = MemoryLayout.instanceSize(String.class);

	private static final long STRING_VALUE_OFFSET = FieldReader.offsetOf(String.class, "value");

	private static final ClassValue<ClassLayout> layouts = new ClassValue<>() {

		@Override
		protected ClassLayout computeValue(Class<?> type) {
			return new ClassLayout(type);
		}

	};

	private static final long[] NO_OFFSETS = {};

	private static final Field[] NO_FIELDS = {};

	final Kind kind;

	/** Bytes per element, for an array class. */
	private final int elementSize;

	/** Offsets of the reference fields read through {@code Unsafe}. */
	final long[] offsets;

	/** Reference fields read by reflection: those of records and hidden classes. */
	final Field[] reflectedFields;

	/**
	 * Shallow size of an instance, or -1 for an array, or until jamm has measured the first
	 * instance of a class with {@code @Contended} padding.
	 */
	private volatile long shallowSize;

	private ClassLayout(Class<?> type) {
		this.kind = kindOf(type);
		this.elementSize = type.isArray() ? MemoryLayout.elementSize(type.getComponentType()) : 0;
		this.shallowSize = (this.kind == Kind.INSTANCE) ? MemoryLayout.instanceSize(type) : -1;
		List<Long> offsets = new ArrayList<>();
		List<Field> reflected = new ArrayList<>();
		List<String> unreadable = new ArrayList<>();
		if (this.kind == Kind.INSTANCE) {
			for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
				for (Field field : declaring.getDeclaredFields()) {
					if (fieldFilter.ignore(type, field)) {
						continue;
					}
					long offset = FieldReader.offsetOf(field);
					if (offset >= 0) {
						offsets.add(offset);
					}
					else if (field.trySetAccessible()) {
						reflected.add(field);
					}
					else {
						unreadable.add(declaring.getName() + "." + field.getName());
					}
				}
			}
		}
		this.offsets = offsets.isEmpty() ? NO_OFFSETS : offsets.stream().mapToLong(Long::longValue).toArray();
		this.reflectedFields = reflected.isEmpty() ? NO_FIELDS : reflected.toArray(NO_FIELDS);
		if (!unreadable.isEmpty()) {
			logger.log(Level.WARNING, "Cannot read " + String.join(", ", unreadable) + " of " + type.getName()
					+ ", so what those fields reference is not counted in the size of an instance (this warning is"
					+ " logged once per class)");
		}
	}

	/**
	 * Return the layout of the given class.
	 */
	static ClassLayout of(Class<?> type) {
		return layouts.get(type);
	}

	private static Kind kindOf(Class<?> type) {
		if (classFilter.ignore(type)) {
			return Kind.IGNORED;
		}
		if (type == String.class) {
			return Kind.STRING;
		}
		if (Measurable.class.isAssignableFrom(type)) {
			return Kind.MEASURABLE;
		}
		if (type.isArray()) {
			return type.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.REFERENCE_ARRAY;
		}
		return Kind.INSTANCE;
	}

	/**
	 * Return whether instances reference nothing this layout follows.
	 */
	boolean isLeaf() {
		return this.offsets.length == 0 && this.reflectedFields.length == 0;
	}

	/**
	 * Return the shallow size of an instance of this class, which is the same for every instance.
	 */
	long instanceSize(Object instance) {
		long size = this.shallowSize;
		if (size < 0) {
			size = Jamm.meter.measure(instance);
			this.shallowSize = size;
		}
		return size;
	}

	/**
	 * Return the size of an array of this class with the given number of elements.
	 */
	long arraySize(int length) {
		return MemoryLayout.arraySize(length, this.elementSize);
	}

	/**
	 * Return the size of a string as jamm counts it: its own shallow size and its value array.
	 */
	static long stringSize(String string) {
		byte[] value = (byte[]) FieldReader.read(string, STRING_VALUE_OFFSET);
		return STRING_SIZE + MemoryLayout.arraySize(value.length, Byte.BYTES);
	}

	/**
	 * Return the length of an array of primitives, by a cast rather than through
	 * {@code java.lang.reflect.Array}, which the C1 compiler does not make cheap.
	 */
	static int lengthOf(Object array) {
		if (array instanceof byte[] bytes) {
			return bytes.length;
		}
		if (array instanceof char[] chars) {
			return chars.length;
		}
		if (array instanceof int[] ints) {
			return ints.length;
		}
		if (array instanceof long[] longs) {
			return longs.length;
		}
		if (array instanceof double[] doubles) {
			return doubles.length;
		}
		if (array instanceof float[] floats) {
			return floats.length;
		}
		if (array instanceof short[] shorts) {
			return shorts.length;
		}
		return ((boolean[]) array).length;
	}

	/**
	 * Return jamm's deep size of the given object, for graphs that hold a {@link Measurable}, or
	 * its shallow size if jamm cannot read some field in the graph.
	 */
	static long measureWithJamm(Object object) {
		try {
			return Jamm.meter.measureDeep(object);
		}
		catch (CannotAccessFieldException ex) {
			return Jamm.meter.measure(object);
		}
	}

	/**
	 * Holds jamm's meter, made only when a graph needs it: making one starts the platform MBean
	 * server to read the JVM's options, which takes tens of milliseconds.
	 */
	private static final class Jamm {

		static final MemoryMeter meter = MemoryMeter.builder().build();

	}

}
