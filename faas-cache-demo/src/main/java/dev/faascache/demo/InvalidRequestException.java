/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The function was asked for something it cannot answer: the event is not a product request such
 * as {@code {"id": "42"}}. The message says what is wrong. Through the Lambda handler it becomes
 * the invocation's error ({@code errorMessage}, {@code errorType}); over HTTP, a 400 Bad Request.
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidRequestException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what is wrong with the request, and what is accepted
	 */
	public InvalidRequestException(String message) {
		super(message);
	}

}
