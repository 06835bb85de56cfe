package bastion.grading;

import bastion.cycle.CycleEntity;
import bastion.cycle.CycleService;
import bastion.grading.GradingDtos.GradingRun;
import bastion.org.Organization;
import bastion.security.Access;
import bastion.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Queues a grading run in the request's own short transaction; the resource launches it once that has committed. */
@ApplicationScoped
public class GradingStarter {

    @Inject
    Caller caller;

    @Inject
    Access access;

    @Inject
    CycleService cycles;

    @Inject
    GradingRunner runner;

    @Inject
    GradingService grading;

    /** 404 for a cycle out of sight, 403 unless an admin of the cycle's jurisdiction, 409 when published or already running. */
    @Transactional
    public long start(long cycleId) {
        CycleEntity c = cycles.find(caller.jurisdiction(), cycleId);
        access.requireAdminOf(Organization.findById(c.jurisdictionId));
        return runner.queue(c, caller.username());
    }

    @Transactional
    public GradingRun read(long runId) {
        return grading.run(runId);
    }
}
