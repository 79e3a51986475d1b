{{/* The release's object names: the release name, or release-chart when it does not contain "nospof". */}}
{{- define "nospof.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "nospof.serviceAccountName" -}}
{{- default (include "nospof.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/* Labels that select the operator's pods: its PDB, spread constraints and Service use them. */}}
{{- define "nospof.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "nospof.labels" -}}
{{ include "nospof.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The webhook's Service, Secret and configuration (cluster-scoped: the release namespace keeps two releases apart). */}}
{{- define "nospof.webhookService" -}}
{{ include "nospof.fullname" . }}-webhook
{{- end }}
{{- define "nospof.webhookSecret" -}}
{{ include "nospof.fullname" . }}-webhook-certificates
{{- end }}
{{- define "nospof.webhookConfiguration" -}}
{{ include "nospof.fullname" . }}-{{ .Release.Namespace }}
{{- end }}
