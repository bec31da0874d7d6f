output "receipts_bucket" {
  description = "Name of the receipts bucket."
  value       = aws_s3_bucket.receipts.bucket
}

output "eks_cluster_endpoint" {
  description = "API server endpoint of the EKS cluster."
  value       = aws_eks_cluster.main.endpoint
}

output "worker_instance_id" {
  description = "ID of the reconciliation worker instance."
  value       = aws_instance.worker.id
}

output "ci_access_key_id" {
  description = "Access key ID of the CI user (the secret goes to the repository secrets)."
  value       = aws_iam_access_key.ci.id
}
