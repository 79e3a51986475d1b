package dev.nospof.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nospof.model.Decoded;
import io.fabric8.generator.annotation.Required;

/** The workload the report is about. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SpofReportSpec extends Decoded {

    @Required
    private WorkloadReference workload;

    public WorkloadReference getWorkload() {
        return workload;
    }

    public void setWorkload(WorkloadReference workload) {
        this.workload = workload;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WorkloadReference {
        private String apiVersion;
        private String kind;
        private String name;
        private String uid;

        public WorkloadReference() {
        }

        public WorkloadReference(String apiVersion, String kind, String name, String uid) {
            this.apiVersion = apiVersion;
            this.kind = kind;
            this.name = name;
            this.uid = uid;
        }

        public String getApiVersion() {
            return apiVersion;
        }

        public void setApiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
        }

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getUid() {
            return uid;
        }

        public void setUid(String uid) {
            this.uid = uid;
        }
    }
}
