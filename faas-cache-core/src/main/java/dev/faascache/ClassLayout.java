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
 * jamm leaves out are not followed. The shallow size comes from {@link FieldLayout}.
 * <p>
 * Reference fields are read by reflection where the class's module opens its package to this
 * one, as the unnamed module of an application's classes does. The JDK's own packages are
 * closed: before JDK 24 their fields are read through {@code sun.misc.Unsafe} by offset
 * ({@link FieldReader}), as jamm does, silently there; from JDK 24, where {@code Unsafe} warns or
 * is denied, the {@link JdkModels} measure them through their public API. A class that can be
 * read neither way, and has no model, is counted by its shallow size, and a warning naming it is
 * logged once; a model that estimates is logged once too, at debug level.
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

		/** An object whose reference fields are followed, and which a model may measure further. */
		INSTANCE,

		/**
		 * Measures itself through jamm's {@link Measurable}, so jamm must walk the graph; only
		 * where {@code Unsafe} is silent, since jamm needs it. From JDK 24 such a class is an
		 * {@link #INSTANCE} like any other.
		 */
		MEASURABLE

	}

	/** Whether {@code Unsafe} reads fields silently here: before JDK 24, and when it can be loaded. */
	static final boolean UNSAFE_READS = Runtime.version().feature() < 24 && FieldReader.isAvailable();

	/** The layouts the default sizer uses. */
	static final Table DEFAULT = new Table(UNSAFE_READS);

	/** Layouts that never use {@code Unsafe}: the default from JDK 24. */
	static final Table PUBLIC_API = UNSAFE_READS ? new Table(false) : DEFAULT;

	private static final System.Logger logger = System.getLogger(Sizer.class.getName());

	private static final FieldAndClassFilter classFilter = Filters.getClassFilters(true);

	private static final FieldFilter fieldFilter = Filters.getFieldFilters(true, false, true);

	private static final long[] NO_OFFSETS = {};

	private static final Field[] NO_FIELDS = {};

	final Kind kind;

	/** Bytes per element, for an array class. */
	private final int elementSize;

	/** Offsets of the reference fields read through {@code Unsafe}. */
	final long[] offsets;

	/** Reference fields read by reflection. */
	final Field[] reflectedFields;

	/** How the fields that cannot be read are measured, or {@code null}. */
	final JdkModels.Model model;

	/** Shallow size of an instance, or -1 for an array. */
	private final long shallowSize;

	private ClassLayout(Class<?> type, boolean unsafe) {
		this.kind = kindOf(type, unsafe);
		this.elementSize = type.isArray() ? MemoryLayout.elementSize(type.getComponentType()) : 0;
		this.shallowSize = type.isArray() ? -1 : MemoryLayout.instanceSize(type);
		List<Long> offsets = new ArrayList<>();
		List<Field> reflected = new ArrayList<>();
		List<String> unreadable = new ArrayList<>();
		if (this.kind == Kind.INSTANCE || this.kind == Kind.STRING) {
			for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
				boolean open = declaring.getModule().isOpen(declaring.getPackageName(), ClassLayout.class.getModule());
				for (Field field : declaring.getDeclaredFields()) {
					if (!fieldFilter.ignore(type, field)) {
						long offset = unsafe ? FieldReader.offsetOf(field) : -1;
						if (offset >= 0) {
							offsets.add(offset);
						}
						else if (open && field.trySetAccessible()) {
							reflected.add(field);
						}
						else {
							unreadable.add(declaring.getName() + "." + field.getName());
						}
					}
				}
			}
		}
		this.offsets = offsets.isEmpty() ? NO_OFFSETS : offsets.stream().mapToLong(Long::longValue).toArray();
		this.reflectedFields = reflected.isEmpty() ? NO_FIELDS : reflected.toArray(NO_FIELDS);
		this.model = (unreadable.isEmpty() || this.kind == Kind.STRING) ? null : JdkModels.of(type);
		if (this.kind == Kind.STRING || unreadable.isEmpty()) {
			return;
		}
		if (this.model == null) {
			logger.log(Level.WARNING, "Cannot read " + String.join(", ", unreadable) + " of " + type.getName()
					+ ", so what those fields reference is not counted in the size of an instance (this warning is"
					+ " logged once per class)");
		}
		else if (this.model.estimate() != null) {
			logger.log(Level.DEBUG, "Sizes of " + type.getName() + " are estimated from its public API: "
					+ this.model.estimate());
		}
	}

	/**
	 * Return the layout of the given class for the default sizer.
	 */
	static ClassLayout of(Class<?> type) {
		return DEFAULT.of(type);
	}

	private static Kind kindOf(Class<?> type, boolean unsafe) {
		if (classFilter.ignore(type)) {
			return Kind.IGNORED;
		}
		if (type == String.class) {
			return Kind.STRING;
		}
		if (unsafe && Measurable.class.isAssignableFrom(type)) {
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
		return this.offsets.length == 0 && this.reflectedFields.length == 0 && this.model == null;
	}

	/**
	 * Return the shallow size of an instance of this class, which is the same for every instance.
	 */
	long instanceSize(Object instance) {
		return this.shallowSize;
	}

	/**
	 * Return the size of an array of this class with the given number of elements.
	 */
	long arraySize(int length) {
		return MemoryLayout.arraySize(length, this.elementSize);
	}

	/**
	 * Return the size of a string as jamm counts it: its own shallow size and its value array.
	 * Without a way to read the array, its length follows from the string's: one byte a
	 * character when every character is Latin-1 and the JVM compacts strings, else two.
	 */
	long stringSize(String string) {
		long bytes;
		if (this.offsets.length > 0) {
			bytes = ((byte[]) FieldReader.read(string, this.offsets[0])).length;
		}
		else {
			int length = string.length();
			bytes = (MemoryLayout.COMPACT_STRINGS && isLatin1(string, length)) ? length : 2L * length;
		}
		return this.shallowSize + MemoryLayout.arraySize(bytes, Byte.BYTES);
	}

	private static boolean isLatin1(String string, int length) {
		for (int i = 0; i < length; i++) {
			if (string.charAt(i) > 0xFF) {
				return false;
			}
		}
		return true;
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
	 * The layouts of classes for one way of reading fields.
	 */
	static final class Table {

		private final ClassValue<ClassLayout> layouts;

		private Table(boolean unsafe) {
			this.layouts = new ClassValue<>() {

				@Override
				protected ClassLayout computeValue(Class<?> type) {
					return new ClassLayout(type, unsafe);
				}

			};
		}

		/**
		 * Return the layout of the given class.
		 */
		ClassLayout of(Class<?> type) {
			return this.layouts.get(type);
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
