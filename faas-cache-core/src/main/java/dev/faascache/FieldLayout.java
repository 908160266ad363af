/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where HotSpot puts the instance fields of a class, worked out from the field types alone, as
 * its {@code FieldLayoutBuilder} does (JDK 15 and later), so that the shallow size of an instance
 * is known without {@code sun.misc.Unsafe}.
 * <p>
 * The rules, in brief: a class starts from its superclass's layout, whose gaps it may fill; its
 * primitive fields are placed first, largest first, then its references, each in the smallest
 * gap that fits it with its alignment (its own size), or else at the end; fields and classes
 * marked {@code @Contended} (honoured only in the JDK's own classes) are set apart by 128 bytes
 * of padding. From JDK 25, when the superclass's layout ends with a reference, the references are
 * placed before the primitives, so that the JVM's map of references stays in one piece. The instance size is the end of the layout rounded up to 8 bytes, then to the
 * object alignment. The tests compare the result with the offsets {@code Unsafe} reports.
 */
final class FieldLayout {

	/** The first JDK that places references first after a superclass ending with one (JDK-8353273). */
	private static final boolean REFERENCES_FIRST_AFTER_REFERENCE = Runtime.version().feature() >= 25;

	/** HotSpot's {@code ContendedPaddingWidth}. */
	static final int CONTENDED_PADDING = 128;

	private static final Class<? extends Annotation> CONTENDED = contendedAnnotation();

	private static final ClassValue<FieldLayout> layouts = new ClassValue<>() {

		@Override
		protected FieldLayout computeValue(Class<?> type) {
			return new FieldLayout(type);
		}

	};

	/** Offset, size and whether a reference (1) of every instance field, the superclasses' included. */
	final List<long[]> fields;

	/** Whether this class or a superclass holds {@code @Contended} annotations HotSpot honours. */
	final boolean contended;

	private final long instanceSize;

	private FieldLayout(Class<?> type) {
		Class<?> superclass = type.getSuperclass();
		this.fields = new ArrayList<>();
		if (superclass == null || type.isInterface() || type.isPrimitive() || type.isArray()) {
			this.contended = false;
			this.instanceSize = MemoryLayout.align(MemoryLayout.OBJECT_HEADER);
			return;
		}
		FieldLayout parent = of(superclass);
		LayoutBlocks blocks = new LayoutBlocks(parent);
		boolean honoursContended = honoursContended(type);
		boolean classContended = honoursContended && isContended(type);
		List<Field> plain = new ArrayList<>();
		Map<String, List<Field>> groups = new LinkedHashMap<>();
		for (Field field : type.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers())) {
				continue;
			}
			Annotation contendedField = honoursContended ? annotation(field) : null;
			if (contendedField == null) {
				plain.add(field);
			}
			else {
				String group = contendedField.toString();
				// An unnamed group (an empty value) is a group of its own for each field.
				String key = group.endsWith("(\"\")") || group.endsWith("()") ? field.getName() + "#" : group;
				groups.computeIfAbsent(key, (k) -> new ArrayList<>()).add(field);
			}
		}
		boolean tailPadding = false;
		if (classContended) {
			blocks.start = blocks.last;
			blocks.insert(blocks.last, LayoutBlocks.Block.padding());
			tailPadding = true;
		}
		if (REFERENCES_FIRST_AFTER_REFERENCE && parent.endsWithReference()) {
			blocks.add(references(plain), blocks.start);
			blocks.add(primitives(plain), blocks.start);
		}
		else {
			blocks.add(primitives(plain), blocks.start);
			blocks.add(references(plain), blocks.start);
		}
		for (List<Field> group : groups.values()) {
			LayoutBlocks.Block start = blocks.last;
			blocks.insert(start, LayoutBlocks.Block.padding());
			blocks.add(primitives(group), start);
			blocks.add(references(group), start);
			tailPadding = true;
		}
		if (tailPadding) {
			blocks.insert(blocks.last, LayoutBlocks.Block.padding());
		}
		this.fields.addAll(parent.fields);
		for (LayoutBlocks.Block block = blocks.first; block != null; block = block.next) {
			if (block.kind == LayoutBlocks.Block.FIELD) {
				this.fields.add(new long[] { block.offset, block.size, block.reference ? 1 : 0 });
			}
		}
		this.fields.sort(Comparator.comparingLong((long[] field) -> field[0]));
		this.contended = parent.contended || classContended || !groups.isEmpty();
		this.instanceSize = MemoryLayout.align((blocks.last.offset + 7) / 8 * 8);
	}

	/**
	 * Return the layout of the given class.
	 */
	static FieldLayout of(Class<?> type) {
		return layouts.get(type);
	}

	/**
	 * Return the shallow size of an instance.
	 */
	long instanceSize() {
		return this.instanceSize;
	}

	private boolean endsWithReference() {
		return !this.fields.isEmpty() && this.fields.get(this.fields.size() - 1)[2] == 1;
	}

	/**
	 * Return the offsets of the instance fields, in increasing order, for the tests to compare.
	 */
	long[] offsets() {
		return this.fields.stream().mapToLong((field) -> field[0]).toArray();
	}

	private static List<LayoutBlocks.Block> primitives(List<Field> fields) {
		List<LayoutBlocks.Block> blocks = new ArrayList<>();
		for (Field field : fields) {
			if (field.getType().isPrimitive()) {
				blocks.add(LayoutBlocks.Block.field(MemoryLayout.elementSize(field.getType()), false));
			}
		}
		blocks.sort(Comparator.comparingLong((LayoutBlocks.Block block) -> block.size).reversed());
		return blocks;
	}

	private static List<LayoutBlocks.Block> references(List<Field> fields) {
		List<LayoutBlocks.Block> blocks = new ArrayList<>();
		for (Field field : fields) {
			if (!field.getType().isPrimitive()) {
				blocks.add(LayoutBlocks.Block.field(MemoryLayout.REFERENCE_SIZE, true));
			}
		}
		return blocks;
	}

	/**
	 * Return whether HotSpot honours {@code @Contended} in this class: only in classes of the
	 * boot and platform class loaders, unless {@code -XX:-RestrictContended}.
	 */
	private static boolean honoursContended(Class<?> type) {
		ClassLoader loader = type.getClassLoader();
		return CONTENDED != null && (loader == null || loader == ClassLoader.getPlatformClassLoader());
	}

	private static boolean isContended(AnnotatedElement element) {
		return annotation(element) != null;
	}

	private static Annotation annotation(AnnotatedElement element) {
		return (CONTENDED != null) ? element.getAnnotation(CONTENDED) : null;
	}

	private static Class<? extends Annotation> contendedAnnotation() {
		try {
			return Class.forName("jdk.internal.vm.annotation.Contended").asSubclass(Annotation.class);
		}
		catch (ClassNotFoundException | ClassCastException ex) {
			return null;
		}
	}

}
