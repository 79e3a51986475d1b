package dev.nospof.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that changes cluster-wide state (Nodes, zones) gets a control plane and an
 * operator of its own, stopped after the class, so other classes never see its nodes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OwnCluster {
}
