package dev.vch.tether.guestinfo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The key segment of a record component in the extraConfig encoding (default: the component's name).
 * Segments must not contain the separators {@code / . | ~} nor {@code = %} or whitespace.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Key {
    String value();
}
