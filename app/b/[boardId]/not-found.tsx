import { NotFound } from '../../../components/home/NotFound';

export default function BoardNotFound() {
  return <NotFound board />;
}
