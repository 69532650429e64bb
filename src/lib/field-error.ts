/** A message about one input field, by its path (`name`, `grants.0.clusterId`). */
export interface FieldError {
	path: string;
	message: string;
}
