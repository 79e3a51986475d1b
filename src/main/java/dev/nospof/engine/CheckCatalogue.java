package dev.nospof.engine;

import dev.nospof.engine.checks.HpaMinReplicasCheck;
import dev.nospof.engine.checks.MissingPdbCheck;
import dev.nospof.engine.checks.MissingSpreadCheck;
import dev.nospof.engine.checks.PdbBlocksEvictionCheck;
import dev.nospof.engine.checks.PdbOverlapCheck;
import dev.nospof.engine.checks.SingleReplicaCheck;
import dev.nospof.engine.checks.SpreadNotSelfSelectingCheck;
import java.util.List;

/** Every check nospof knows, in the order reports list them. */
public final class CheckCatalogue {

    private CheckCatalogue() {
    }

    public static List<Check> all() {
        return List.of(
                new SingleReplicaCheck(),
                new HpaMinReplicasCheck(),
                new MissingPdbCheck(),
                new PdbBlocksEvictionCheck(),
                new PdbOverlapCheck(),
                new MissingSpreadCheck(),
                new SpreadNotSelfSelectingCheck());
    }
}
