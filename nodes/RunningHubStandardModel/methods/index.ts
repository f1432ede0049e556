export { searchModels } from './listSearch';
export { getModelFields } from './resourceMapping';
