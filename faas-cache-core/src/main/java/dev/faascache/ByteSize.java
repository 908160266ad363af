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
 * <p>
 * {@link #toString()} returns the text as it was written, so that a cache reports its budget
 * the way the user configured it.
 */
public final class ByteSize {

	/** The forms {@link #parse(String)} accepts, for error messages. */
	public static final String ACCEPTED_FORMS = "a positive number of bytes, optionally with a decimal part and a unit "
			+ "K, M, G or T (base 1024, case-insensitive, optionally followed by B or iB), "
			+ "for example 1024, 1K, 1.5M, 64m, 128MB, 128MiB, 1G";

	private static final Pattern PATTERN = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*(?:([KMGT])(?:I?B)?|B)?$",
			Pattern.CASE_INSENSITIVE);

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
		Objects.requireNonNull(text, "size must not be null");
		String trimmed = text.strip();
		Matcher matcher = PATTERN.matcher(trimmed);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Invalid size '" + text + "': expected " + ACCEPTED_FORMS);
		}
		BigDecimal number = new BigDecimal(matcher.group(1));
		String unit = matcher.group(2);
		int power = (unit != null) ? UNITS.indexOf(unit.toUpperCase(Locale.ROOT)) + 1 : 0;
		BigDecimal exact = number.multiply(BigDecimal.valueOf(1024).pow(power));
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
	 * Return the size as it was written, for example {@code "128M"}.
	 */
	@Override
	public String toString() {
		return this.text;
	}

}
