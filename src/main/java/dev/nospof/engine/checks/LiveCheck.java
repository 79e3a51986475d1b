package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.model.LiveState;
import dev.nospof.model.PodPlacement;
import java.util.List;

/** A check on the cluster's live state; the engine runs it only when the view has one. */
abstract class LiveCheck implements Check {

    @Override
    public final boolean needsLiveState() {
        return true;
    }

    static LiveState live(CheckInput input) {
        return input.view().live();
    }

    /** The workload's pods that are scheduled on a node. */
    static List<PodPlacement> scheduled(CheckInput input) {
        return live(input).pods().stream().filter(PodPlacement::scheduled).toList();
    }
}
