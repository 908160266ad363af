/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes, parsed from the forms users write in configuration: {@code 1024},
 * {@code "1K"}, {@code "1.5M"}, {@code "64m"}, {@code "1G"}, {@code "1T"}, {@code "128MB"},
 * {@code "128MiB"}. Units are powers of 1024 and case-insensitive; a bare number means bytes.
 * A percentage such as {@code "25%"} means that share of the JVM's maximum heap
 * ({@link Runtime#maxMemory()}), resolved once, when parsed.
 * <p>
 * {@link #toString()} returns the text as it was written, so that a cache reports its budget
 * the way the user configured it.
 */
public final class ByteSize {

	/** The forms {@link #parse(String)} accepts, for error messages. */
	public static final String ACCEPTED_FORMS = "a positive number of bytes, optionally with a decimal part and a unit "
			+ "K, M, G or T (base 1024, case-insensitive, optionally followed by B or iB), "
			+ "for example 1024, 1K, 1.5M, 64m, 128MB, 128MiB, 1G; or a share of the maximum heap "
			+ "greater than 0% and at most 100%, for example 25%";

	private static final Pattern PATTERN = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*(?:([KMGT])(?:I?B)?|B)?$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern PERCENT = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*%$");

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private static final String UNITS = "KMGT";

	private final long bytes;

	private final String text;

	private ByteSize(long bytes, String text) {
		this.bytes = bytes;
		this.text = text;
	}

	/**
	 * Parse a size such as {@code "128M"}.
	 * @param text the size as written by the user
	 * @return the parsed size
	 * @throws NullPointerException if {@code text} is {@code null}
	 * @throws IllegalArgumentException if {@code text} is not one of the accepted forms, is not
	 * at least one byte, or does not fit in a {@code long}
	 */
	public static ByteSize parse(String text) {
		return parse(text, Runtime.getRuntime().maxMemory());
	}

	/**
	 * Parse a size, resolving a percentage against the given heap size.
	 */
	static ByteSize parse(String text, long maxHeapBytes) {
		Objects.requireNonNull(text, "size must not be null");
		String trimmed = text.strip();
		Matcher percent = PERCENT.matcher(trimmed);
		if (percent.matches()) {
			return ofHeapShare(text, trimmed, new BigDecimal(percent.group(1)), maxHeapBytes);
		}
		Matcher matcher = PATTERN.matcher(trimmed);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Invalid size '" + text + "': expected " + ACCEPTED_FORMS);
		}
		BigDecimal number = new BigDecimal(matcher.group(1));
		String unit = matcher.group(2);
		int power = (unit != null) ? UNITS.indexOf(unit.toUpperCase(Locale.ROOT)) + 1 : 0;
		return ofExact(text, trimmed, number.multiply(BigDecimal.valueOf(1024).pow(power)));
	}

	private static ByteSize ofHeapShare(String text, String trimmed, BigDecimal percent, long maxHeapBytes) {
		if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
			throw new IllegalArgumentException(
					"Invalid size '" + text + "': a share of the heap must be greater than 0% and at most 100%");
		}
		if (maxHeapBytes == Long.MAX_VALUE) {
			throw new IllegalArgumentException("Invalid size '" + text
					+ "': the JVM reports no maximum heap to take a share of; give the size in bytes, such as 128M");
		}
		BigDecimal exact = BigDecimal.valueOf(maxHeapBytes).multiply(percent).divide(HUNDRED);
		ByteSize resolved = ofExact(text, trimmed, exact);
		return new ByteSize(resolved.bytes, trimmed + " of heap = " + resolved.bytes + " bytes");
	}

	private static ByteSize ofExact(String text, String trimmed, BigDecimal exact) {
		BigDecimal whole = exact.setScale(0, RoundingMode.FLOOR);
		if (whole.signum() <= 0) {
			throw new IllegalArgumentException(
					"Invalid size '" + text + "': it is less than one byte; expected " + ACCEPTED_FORMS);
		}
		if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
			throw new IllegalArgumentException(
					"Invalid size '" + text + "': it exceeds the largest supported size of " + Long.MAX_VALUE + " bytes");
		}
		return new ByteSize(whole.longValueExact(), trimmed);
	}

	/**
	 * Return a size of the given number of bytes.
	 * @param bytes the number of bytes
	 * @return the size
	 * @throws IllegalArgumentException if {@code bytes} is not positive
	 */
	public static ByteSize ofBytes(long bytes) {
		if (bytes <= 0) {
			throw new IllegalArgumentException("Invalid size " + bytes + ": expected " + ACCEPTED_FORMS);
		}
		return new ByteSize(bytes, Long.toString(bytes));
	}

	/**
	 * Return the number of bytes.
	 * @return the number of bytes, at least one
	 */
	public long toBytes() {
		return this.bytes;
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof ByteSize that && this.bytes == that.bytes);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.bytes);
	}

	/**
	 * Return the size as it was written, for example {@code "128M"}; a share of the heap also
	 * shows the bytes it was resolved to, for example {@code "25% of heap = 134217728 bytes"}.
	 */
	@Override
	public String toString() {
		return this.text;
	}

}
