/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.reflect.Field;

/**
 * The default {@link Sizer}: the deep size of an object graph, each object counted once, with the
 * JVM's real object layout. It gives the sizes jamm's {@code MemoryMeter.measureDeep} gives with
 * its default settings (the tests compare the two), at a fraction of the cost and with no garbage:
 * what jamm works out for each object it visits (the fields to follow, how to read them, the
 * shallow size) is worked out here once per class, in a {@link ClassLayout}, and the stack and
 * identity set of a walk are reused ({@link GraphWalk}).
 * <p>
 * How it reads an object without {@code sun.misc.Unsafe}, which warns from JDK 24 and may be
 * denied: shallow sizes come from the JVM's options and HotSpot's field layout rules
 * ({@link MemoryLayout}, {@link FieldLayout}); fields are read by reflection where the class's
 * module opens its package, as application classes in the unnamed module do; the JDK's classes,
 * whose packages are closed, are read through {@code Unsafe} only before JDK 24, where it is
 * silent, and measured through their public API from JDK 24 ({@link JdkModels}). What cannot be
 * measured exactly that way is estimated on the high side and logged once per class.
 * <p>
 * Where jamm gives up on a whole graph because some field cannot be read (the fields of JDK
 * hidden classes, such as a lambda comparator inside a {@code TreeMap}), this sizer counts the
 * object holding that field by its shallow size, does not follow that field, measures the rest
 * of the graph, and logs a warning naming the class once. A graph that holds a jamm
 * {@code Measurable} is measured by jamm itself.
 */
final class DeepSizer implements Sizer {

	/** The sizer {@link Sizer#deep()} returns. */
	static final DeepSizer INSTANCE = new DeepSizer(ClassLayout.DEFAULT);

	private final ClassLayout.Table layouts;

	DeepSizer(ClassLayout.Table layouts) {
		this.layouts = layouts;
	}

	@Override
	public long sizeOf(Object object) {
		ClassLayout layout = this.layouts.of(object.getClass());
		switch (layout.kind) {
			case IGNORED:
				return 0;
			case STRING:
				return layout.stringSize((String) object);
			case PRIMITIVE_ARRAY:
				return layout.arraySize(ClassLayout.lengthOf(object));
			case INSTANCE:
				if (layout.isLeaf()) {
					return layout.instanceSize(object);
				}
				return walk(object, layout);
			default:
				return walk(object, layout);
		}
	}

	private long walk(Object root, ClassLayout rootLayout) {
		GraphWalk walk = GraphWalk.acquire(this.layouts);
		try {
			walk.push(root, rootLayout);
			long total = 0;
			while (!walk.isEmpty()) {
				ClassLayout layout = walk.peekLayout();
				Object object = walk.pop();
				total += switch (layout.kind) {
					case STRING -> layout.stringSize((String) object);
					case PRIMITIVE_ARRAY -> layout.arraySize(ClassLayout.lengthOf(object));
					case REFERENCE_ARRAY -> pushElements((Object[]) object, layout, walk);
					case INSTANCE -> pushFields(object, layout, walk);
					case MEASURABLE -> throw new MeasurableFound();
					case IGNORED -> 0;
				};
			}
			return total;
		}
		catch (MeasurableFound ex) {
			return ClassLayout.measureWithJamm(root);
		}
		finally {
			walk.release();
		}
	}

	private static long pushElements(Object[] array, ClassLayout layout, GraphWalk walk) {
		for (Object element : array) {
			walk.accept(element);
		}
		return layout.arraySize(array.length);
	}

	private static long pushFields(Object object, ClassLayout layout, GraphWalk walk) {
		for (long offset : layout.offsets) {
			walk.accept(FieldReader.read(object, offset));
		}
		for (Field field : layout.reflectedFields) {
			walk.accept(readReflectively(field, object));
		}
		long size = layout.instanceSize(object);
		return (layout.model != null) ? size + layout.model.measure(object, walk) : size;
	}

	private static Object readReflectively(Field field, Object object) {
		try {
			return field.get(object);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Field " + field + " was made accessible but cannot be read", ex);
		}
	}

	/**
	 * Thrown out of a walk that meets a {@code Measurable}, so that jamm measures the graph.
	 */
	private static final class MeasurableFound extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MeasurableFound() {
			super(null, null, false, false);
		}

	}

}
