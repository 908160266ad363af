/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Turns a cache key into the text of its key in a remote cache, such that keys equal in the heap
 * get the same text and keys unequal in the heap never do: the text carries the key's type and a
 * canonical form of its value, never only its {@code toString()}.
 * <ul>
 * <li>A {@code String} is itself, so that the most common keys stay readable: {@code 42}. One
 * that starts with {@code #} gets one more, {@code ##tag}.</li>
 * <li>Any other key is {@code #} + its class name + {@code :} + its value:
 * {@code #java.lang.Long:42}, {@code #java.util.UUID:...}, {@code #java.time.LocalDate:2026-12-01},
 * {@code #com.example.Color:RED} for an enum constant (its name).</li>
 * <li>A record, a {@code List} (of any class, named {@code java.util.List}) and Spring's
 * {@link SimpleKey} (the key of a method with several parameters) hold their elements, each
 * turned into text this way ({@code #null} for {@code null}), as a JSON array of strings:
 * {@code #com.example.OrderKey:["eu","#java.lang.Long:42"]}.</li>
 * </ul>
 * A key of another type has no canonical form here, and converting it fails: such a key is
 * cached in the heap only.
 * <p>
 * The text is read back into the key, so that an invalidation received from another instance
 * drops that one entry: a {@code String}, a boxed primitive, {@code BigInteger},
 * {@code BigDecimal}, {@code UUID}, the common {@code java.time} values, and a {@code SimpleKey}
 * or {@code List} of keys read back (a {@code List} as an unmodifiable list, equal to any list
 * of the same elements). An enum constant or a record is read back only if its class is one of
 * the {@link TrustedClasses}, since reading it loads the class the text names: an enum by the
 * name of its constant, a record by its canonical constructor, from elements of the types of its
 * components. Other keys are not read back, and their cache is cleared instead.
 * <p>
 * Only the canonical text of a key is read back: no whitespace, no escape but {@code \"} and
 * {@code \\}, the text a key is written as and no other. Reading is bounded, so that a hostile
 * text costs little: a text longer than {@value #MAX_LENGTH} characters is refused, and a key
 * nested more than {@value #MAX_DEPTH} arrays deep is not read back.
 */
final class SecondLevelKeys {

	private static final Set<Class<?>> SCALARS = Set.of(Boolean.class, Character.class, Byte.class, Short.class,
			Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class);

	private static final Field SIMPLE_KEY_PARAMS = simpleKeyParams();

	private static final String SIMPLE_KEY = SimpleKey.class.getName();

	private static final String LIST = List.class.getName();

	/** Longest text read back, as long as the longest invalidation. */
	static final int MAX_LENGTH = 64 * 1024;

	/** Most arrays nested in a text read back. */
	static final int MAX_DEPTH = 8;

	/** Stands for a key whose text is well formed but not read back, such as an untrusted record's. */
	static final Object NOT_DECODED = new Object();

	/** Keys read back from their text, by class name; each parser throws on text it does not accept. */
	private static final Map<String, Function<String, Object>> PARSERS = Map.ofEntries(
			Map.entry(Boolean.class.getName(), SecondLevelKeys::parseBoolean),
			Map.entry(Character.class.getName(), SecondLevelKeys::parseCharacter),
			Map.entry(Byte.class.getName(), Byte::valueOf), Map.entry(Short.class.getName(), Short::valueOf),
			Map.entry(Integer.class.getName(), Integer::valueOf), Map.entry(Long.class.getName(), Long::valueOf),
			Map.entry(Float.class.getName(), Float::valueOf), Map.entry(Double.class.getName(), Double::valueOf),
			Map.entry(BigInteger.class.getName(), BigInteger::new),
			Map.entry(BigDecimal.class.getName(), BigDecimal::new), Map.entry(UUID.class.getName(), UUID::fromString),
			Map.entry(LocalDate.class.getName(), LocalDate::parse),
			Map.entry(LocalDateTime.class.getName(), LocalDateTime::parse),
			Map.entry(LocalTime.class.getName(), LocalTime::parse), Map.entry(Instant.class.getName(), Instant::parse),
			Map.entry(OffsetDateTime.class.getName(), OffsetDateTime::parse),
			Map.entry(ZonedDateTime.class.getName(), ZonedDateTime::parse),
			Map.entry(Duration.class.getName(), Duration::parse));

	private SecondLevelKeys() {
	}

	/**
	 * Return the text of the key in a remote cache.
	 * @param key the key
	 * @return the text
	 * @throws IllegalArgumentException if the key, or an element of it, is of a type that has no
	 * canonical form here
	 */
	static String encode(Object key) {
		if (key instanceof String text) {
			return text.startsWith("#") ? "#" + text : text;
		}
		Class<?> type = key.getClass();
		if (key instanceof Enum<?> constant) {
			type = constant.getDeclaringClass();
		}
		else if (key instanceof List<?> && !type.isRecord()) {
			// lists of the same elements are equal whatever their class, and so are their texts
			type = List.class;
		}
		return "#" + type.getName() + ":" + value(key, type);
	}

	/**
	 * Return the key whose text in a remote cache this is, loading no class that is not trusted.
	 * @param text the text of a key, as {@link #encode(Object)} writes it
	 * @param trusted the classes that enum constants and records are read back as
	 * @return the key, or {@link #NOT_DECODED} for the text of a key that is not read back, such
	 * as a record whose class is not trusted
	 * @throws IllegalArgumentException if the text is not one that {@link #encode(Object)} writes,
	 * or is longer than {@value #MAX_LENGTH} characters
	 */
	static Object decode(String text, TrustedClasses trusted) {
		if (text.length() > MAX_LENGTH) {
			throw new IllegalArgumentException(
					"Text of a key longer than " + MAX_LENGTH + " characters: " + shown(text));
		}
		Object key = decode(text, trusted, 0);
		// lenient parsers accept more than one text for a key: only its own text stands for it
		if (key != NOT_DECODED && !encode(key).equals(text)) {
			throw new IllegalArgumentException("Not the canonical text of a key: " + shown(text));
		}
		return key;
	}

	private static Object decode(String text, TrustedClasses trusted, int depth) {
		if (!text.startsWith("#")) {
			return text;
		}
		if (text.startsWith("##")) {
			return text.substring(1);
		}
		int colon = text.indexOf(':');
		if (colon < 2) {
			throw new IllegalArgumentException("Not the text of a key: " + shown(text));
		}
		String typeName = text.substring(1, colon);
		String value = text.substring(colon + 1);
		Function<String, Object> parser = PARSERS.get(typeName);
		if (parser != null) {
			try {
				return parser.apply(value);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("Not the text of a key: " + shown(text), ex);
			}
		}
		if (typeName.equals(SIMPLE_KEY) || typeName.equals(LIST)) {
			Object[] elements = elements(value, trusted, depth);
			if (elements == null) {
				return NOT_DECODED;
			}
			return typeName.equals(LIST) ? Collections.unmodifiableList(Arrays.asList(elements))
					: new SimpleKey(elements);
		}
		Class<?> type = trusted.load(typeName);
		if (type != null && type.isEnum()) {
			return constant(type, value);
		}
		if (type != null && type.isRecord()) {
			Object[] components = elements(value, trusted, depth);
			return (components != null) ? record(type, components) : NOT_DECODED;
		}
		return NOT_DECODED;
	}

	/**
	 * Return the elements written in a JSON array of their texts, or {@code null} if one of them is
	 * not read back or they are nested too deep.
	 */
	private static Object @Nullable [] elements(String array, TrustedClasses trusted, int depth) {
		List<String> texts = KeyArrays.read(array);
		if (depth >= MAX_DEPTH) {
			return null;
		}
		Object[] elements = new Object[texts.size()];
		boolean decoded = true;
		for (int i = 0; i < elements.length; i++) {
			String text = texts.get(i);
			// every element is read, so that a malformed one is refused whatever comes before it
			elements[i] = text.equals("#null") ? null : decode(text, trusted, depth + 1);
			decoded &= elements[i] != NOT_DECODED;
		}
		return decoded ? elements : null;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object constant(Class<?> type, String name) {
		try {
			return Enum.valueOf((Class) type, name);
		}
		catch (RuntimeException | LinkageError ex) {
			// a constant of another version of the enum, or an enum that fails to initialise: clearing is safe
			return NOT_DECODED;
		}
	}

	private static Object record(Class<?> type, Object[] values) {
		RecordComponent[] components = type.getRecordComponents();
		if (components.length != values.length) {
			return NOT_DECODED;
		}
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
			boolean fits = (values[i] != null) ? ClassUtils.resolvePrimitiveIfNecessary(types[i]).isInstance(values[i])
					: !types[i].isPrimitive();
			if (!fits) {
				return NOT_DECODED;
			}
		}
		try {
			Constructor<?> constructor = type.getDeclaredConstructor(types);
			ReflectionUtils.makeAccessible(constructor);
			return constructor.newInstance(values);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// the record refuses the values, or its class fails to initialise: clearing is safe
			return NOT_DECODED;
		}
	}

	/**
	 * Return the text, cut short if it is long, for a message.
	 */
	static String shown(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
	}

	private static Boolean parseBoolean(String text) {
		if (!text.equals("true") && !text.equals("false")) {
			throw new IllegalArgumentException("Not a boolean: " + text);
		}
		return Boolean.valueOf(text);
	}

	private static Character parseCharacter(String text) {
		if (text.length() != 1) {
			throw new IllegalArgumentException("Not one character: " + text);
		}
		return text.charAt(0);
	}

	private static String value(Object key, Class<?> type) {
		if (SCALARS.contains(type) || type.getPackageName().equals("java.time")) {
			return key.toString();
		}
		if (key instanceof Enum<?> constant) {
			return constant.name();
		}
		if (type.isRecord()) {
			RecordComponent[] components = type.getRecordComponents();
			Object[] values = new Object[components.length];
			for (int i = 0; i < components.length; i++) {
				Field field = ReflectionUtils.findField(type, components[i].getName());
				ReflectionUtils.makeAccessible(field);
				values[i] = ReflectionUtils.getField(field, key);
			}
			return KeyArrays.write(values);
		}
		if (key instanceof SimpleKey) {
			return KeyArrays.write((Object[]) ReflectionUtils.getField(SIMPLE_KEY_PARAMS, key));
		}
		if (key instanceof List<?> list) {
			return KeyArrays.write(list.toArray());
		}
		throw new IllegalArgumentException("Key of " + type.getName() + " has no canonical form for a remote cache: "
				+ "use a String, a boxed primitive, BigInteger, BigDecimal, UUID, an enum, a java.time value, or a "
				+ "record or List of these");
	}

	private static Field simpleKeyParams() {
		Field field = ReflectionUtils.findField(SimpleKey.class, "params");
		if (field == null) {
			throw new IllegalStateException("SimpleKey has no field 'params'");
		}
		ReflectionUtils.makeAccessible(field);
		return field;
	}

}
