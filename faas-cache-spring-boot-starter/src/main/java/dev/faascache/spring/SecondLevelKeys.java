/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.cache.interceptor.SimpleKey;
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
 * <li>A record, a {@code List} and Spring's {@link SimpleKey} (the key of a method with several
 * parameters) hold their elements, each turned into text this way, as a JSON array of strings:
 * {@code #com.example.OrderKey:["eu","#java.lang.Long:42"]}.</li>
 * </ul>
 * A key of another type has no canonical form here, and converting it fails: such a key is
 * cached in the heap only.
 * <p>
 * The text of a {@code String}, a boxed primitive, {@code BigInteger}, {@code BigDecimal},
 * {@code UUID} and the common {@code java.time} values is turned back into the key, so that an
 * invalidation received from another instance drops that one entry; other keys are not read back,
 * since that would load the classes a message names.
 */
final class SecondLevelKeys {

	private static final Set<Class<?>> SCALARS = Set.of(Boolean.class, Character.class, Byte.class, Short.class,
			Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class);

	private static final Field SIMPLE_KEY_PARAMS = simpleKeyParams();

	/** Stands for a key whose text is well formed but not read back, such as a record's. */
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
		Class<?> type = (key instanceof Enum<?> constant) ? constant.getDeclaringClass() : key.getClass();
		return "#" + type.getName() + ":" + value(key, type);
	}

	/**
	 * Return the key whose text in a remote cache this is, for the keys whose text is read back.
	 * @param text the text of a key, as {@link #encode(Object)} writes it
	 * @return the key, or {@link #NOT_DECODED} for the text of a key that is not read back, such
	 * as a record or an enum constant
	 * @throws IllegalArgumentException if the text is not one that {@link #encode(Object)} writes
	 */
	static Object decode(String text) {
		if (!text.startsWith("#")) {
			return text;
		}
		if (text.startsWith("##")) {
			return text.substring(1);
		}
		int colon = text.indexOf(':');
		if (colon < 2) {
			throw new IllegalArgumentException("Not the text of a key: " + text);
		}
		Function<String, Object> parser = PARSERS.get(text.substring(1, colon));
		if (parser == null) {
			return NOT_DECODED;
		}
		Object key;
		try {
			key = parser.apply(text.substring(colon + 1));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not the text of a key: " + text, ex);
		}
		// lenient parsers accept more than one text for a key: only its own text stands for it
		if (!encode(key).equals(text)) {
			throw new IllegalArgumentException("Not the canonical text of a key: " + text);
		}
		return key;
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
			return elements(values);
		}
		if (key instanceof SimpleKey) {
			return elements((Object[]) ReflectionUtils.getField(SIMPLE_KEY_PARAMS, key));
		}
		if (key instanceof List<?> list) {
			return elements(list.toArray());
		}
		throw new IllegalArgumentException("Key of " + type.getName() + " has no canonical form for a remote cache: "
				+ "use a String, a boxed primitive, BigInteger, BigDecimal, UUID, an enum, a java.time value, or a "
				+ "record or List of these");
	}

	private static String elements(Object[] elements) {
		StringBuilder text = new StringBuilder("[");
		for (int i = 0; i < elements.length; i++) {
			text.append((i > 0) ? "," : "").append('"');
			String element = (elements[i] != null) ? encode(elements[i]) : "#null";
			for (int c = 0; c < element.length(); c++) {
				char character = element.charAt(c);
				if (character == '"' || character == '\\') {
					text.append('\\');
				}
				text.append(character);
			}
			text.append('"');
		}
		return text.append(']').toString();
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
