export { S3BucketTree, type S3BucketTreeProps } from './S3BucketTree';
export type { FolderPage, TreeBucket, TreeFolder, TreeSelection } from './model';
