package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.Task;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.townhall.support.TownhallTest;

/**
 * Every scheduled job has a thread of its own, so one that waits on another organisation for
 * minutes (reconciliation while GOV.UK Pay is down, the outbox sweep while Notify is) never holds
 * up another: the block-list refresh, planned maintenance, the flood check. A new job that would
 * make them share fails here until the pool grows. On Java 21 and later, with virtual threads,
 * every run has a new thread anyway.
 */
@TownhallTest
class ScheduledJobsTest {

    @Autowired TaskScheduler scheduler;
    @Autowired ScheduledAnnotationBeanPostProcessor scheduledJobs;

    @Test
    void everyScheduledJobHasAThreadOfItsOwn() {
        int jobs = scheduledJobs.getScheduledTasks().size();
        assertThat(jobs).as("scheduled jobs found").isGreaterThanOrEqualTo(9);
        if (scheduler instanceof ThreadPoolTaskScheduler pool) {
            assertThat(pool.getPoolSize()).isGreaterThanOrEqualTo(jobs);
        } else {
            // Java 21 and later with virtual threads on (application.yml): a new thread for every run, unthrottled.
            assertThat(scheduler).isInstanceOf(SimpleAsyncTaskScheduler.class);
            assertThat(((SimpleAsyncTaskScheduler) scheduler).isThrottleActive()).isFalse();
        }
    }

    /**
     * A job of Townhall's that fires at a London hour would fire in the middle of whichever test runs
     * then (a missed-backup incident, a whole backup, a night's rent): the test profile switches each
     * one off (cron "-") and tests run the job themselves when they mean to.
     */
    @Test
    void noJobOfTownhallsFiresByTheClockOnTheWallWhileTestsRun() {
        assertThat(scheduledJobs.getScheduledTasks()).extracting(ScheduledTask::getTask)
                .filteredOn(CronTask.class::isInstance).extracting(Task::toString)
                .filteredOn(job -> job.startsWith("org.townhall.")).isEmpty();
    }
}
